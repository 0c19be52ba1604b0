package io.nabla.examples.results;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs the tour and checks the chapter's values in the text it prints. */
class TourResultTest {

  @Test
  void printsTheChaptersValuesAndLearns() {
    String text = TourResult.run().text();
    assertTrue(text.contains("backend '" + io.nabla.backend.Backends.current().name() + "'"), text);
    assertTrue(text.contains("MSE 0.0975  cross-entropy 0.5108"), text);
    assertTrue(text.contains("MSE 0.5975  cross-entropy 2.3026"), text);
    assertTrue(text.contains("at 5: 0.1999999999990898"), text);
    assertTrue(text.contains("gradient at [3.0, 4.0]: [6.00000000000378"), text);
    assertTrue(text.contains("loss 0.92806"), text);
    Matcher last = Pattern.compile("epoch 20  loss (\\S+)  accuracy (\\S+)").matcher(text);
    assertTrue(last.find(), text);
    assertTrue(Double.parseDouble(last.group(2)) > 0.9, "final accuracy " + last.group(2));
  }
}
