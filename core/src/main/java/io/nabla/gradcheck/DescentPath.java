package io.nabla.gradcheck;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * The points gradient descent visited: the start, then one point per step.
 *
 * @param points every point, first the initial one; each array is a copy
 */
public record DescentPath(List<double[]> points) {

  /** Copies the list; the arrays are owned by the path from now on. */
  public DescentPath {
    points = ImmutableList.copyOf(points);
  }

  /** The point reached after the last step. */
  public double[] finalPoint() {
    return points.get(points.size() - 1).clone();
  }

  /** The number of steps taken. */
  public int steps() {
    return points.size() - 1;
  }
}
