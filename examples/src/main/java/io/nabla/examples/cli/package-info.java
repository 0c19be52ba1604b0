/**
 * The {@code nabla} command line: one subcommand per part of the chapter, and {@code train}, the
 * main job. Each reads its options, computes its result (a record of {@link
 * io.nabla.examples.results}) and prints it as a human report or, with {@code --json}, as JSON.
 */
package io.nabla.examples.cli;
