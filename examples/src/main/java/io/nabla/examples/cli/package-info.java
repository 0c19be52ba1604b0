/**
 * The {@code nabla} command line: one subcommand per part of the chapter, and {@code train}, the
 * main job. Each prints a human report or, with {@code --json}, machine-readable JSON.
 */
package io.nabla.examples.cli;
