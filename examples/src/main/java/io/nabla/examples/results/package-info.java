/**
 * What each {@code nabla} subcommand computes, as records: each is computed once and rendered
 * twice, as text for a person ({@link io.nabla.examples.results.CommandResult#text()}) and as
 * data for {@code --json} ({@link io.nabla.examples.results.CommandResult#json()}). The tour is
 * built from the same records, so a quantity has one value and one JSON key everywhere (the
 * JSON key table of docs/cli.md lists the keys).
 */
package io.nabla.examples.results;
