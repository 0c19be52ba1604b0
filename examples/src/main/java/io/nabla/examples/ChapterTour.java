package io.nabla.examples;

import io.nabla.examples.results.TourResult;

/**
 * Walks through chapter 4 of <i>Deep Learning from Scratch</i> and prints each result: the loss
 * functions, numerical differentiation, gradients, gradient descent, simpleNet, and a
 * TwoLayerNet learning a synthetic three-class problem with SGD, on the current backend (set it
 * with {@code -Dnabla.backend=NAME} or {@code NABLA_BACKEND}). The values are {@link TourResult}'s,
 * the same as {@code nabla tour} prints.
 */
public final class ChapterTour {

  private ChapterTour() {}

  /** Runs the tour on standard output. */
  public static void main(String[] args) {
    System.out.println(TourResult.run().text());
  }
}
