package io.nabla.examples.cli;

import io.nabla.train.EpochResult;
import io.nabla.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/** What a person watching {@code nabla train} sees: a progress bar, and a line per epoch unless JSON was asked for. */
final class TrainingConsole implements TrainingListener {

  private final ProgressBar bar;
  private final PrintWriter text;
  private final boolean json;

  TrainingConsole(ProgressBar bar, PrintWriter text, boolean json) {
    this.bar = bar;
    this.text = text;
    this.json = json;
  }

  @Override
  public void onIteration(int iteration, int total, double loss) {
    bar.update(iteration, total, () -> String.format(Locale.ROOT, "iter %d/%d loss %.4f", iteration, total, loss));
  }

  @Override
  public void onEpoch(EpochResult r) {
    if (!json) {
      bar.clear();
      text.printf(Locale.ROOT, "epoch %2d  iter %5d  train acc %.4f  test acc %.4f%n",
          r.epoch(), r.iteration(), r.trainAccuracy(), r.testAccuracy());
      text.flush();
    }
  }
}
