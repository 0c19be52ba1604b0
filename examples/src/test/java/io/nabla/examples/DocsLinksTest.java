package io.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The links between the README and the pages of {@code docs/}: every relative link (images too)
 * names a file that exists, and every {@code #anchor} a heading of the page it points to, as
 * GitHub names headings; the README stays a front page. Runs with the working directory
 * {@code examples/}, as the module's tests do.
 */
class DocsLinksTest {

  /** The front page stays shorter than this; the rest belongs in docs/. */
  static final int README_MAX_LINES = 250;

  private static final Path ROOT = Path.of("..");

  // [text](target) or ![alt](target), the text holding at most one level of brackets; an optional title.
  private static final Pattern INLINE_LINK = Pattern.compile(
      "!?\\[([^\\[\\]]*(?:\\[[^\\[\\]]*\\][^\\[\\]]*)*)\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+(?:\"[^\"]*\"|'[^']*'))?\\s*\\)");
  // [label]: target, a reference-style link's definition.
  private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?.*$");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  /** One link: the page's name (from the repository's root), its line (from 1), the link as written and its target. */
  record Link(String pageName, int line, String written, String target) {
    @Override
    public String toString() {
      return pageName + ":" + line + ": " + written;
    }
  }

  @Test
  void everyRelativeLinkNamesAFileAndEveryAnchorAHeading() throws IOException {
    List<String> broken = brokenLinks(ROOT);
    assertTrue(broken.isEmpty(), broken.size() + " broken link(s):\n  " + String.join("\n  ", broken));
  }

  /** Also keeps the test above from passing on pages it failed to read links from. */
  @Test
  void theFrontPageLinksToEveryPageOfTheGuide() throws IOException {
    Set<String> linked = new LinkedHashSet<>();
    for (Link link : links(ROOT.resolve("README.md"), "README.md")) {
      linked.add(link.target().replaceFirst("#.*", ""));
    }
    List<String> unlinked = new ArrayList<>();
    for (Path page : pages(ROOT)) {
      String name = ROOT.relativize(page).toString().replace('\\', '/');
      if (name.startsWith("docs/") && !linked.contains(name)) {
        unlinked.add(name);
      }
    }
    assertTrue(unlinked.isEmpty(), "README.md links to no " + unlinked);
  }

  @Test
  void theReadmeIsAFrontPage() throws IOException {
    long lines = Files.readAllLines(ROOT.resolve("README.md")).size();
    assertTrue(lines < README_MAX_LINES,
        "README.md has " + lines + " lines; keep it under " + README_MAX_LINES + " and move the rest to docs/");
  }

  @Test
  void anchorsAreGitHubs() {
    assertEquals("nets-of-nablas-layers-as-text", anchor("Nets of Nabla's layers, as text"));
    assertEquals("training-on-mnist-what-nabla-train-prints", anchor("Training on MNIST: what `nabla train` prints"));
    assertEquals("one-source-for-float32-and-float64", anchor("One source for float32 and float64"));
    assertEquals("the-spi-contract", anchor("The SPI contract"));
    assertEquals("see-the-guide", anchor("See [the guide](docs/cli.md)"));
    assertEquals("fused-kernels-and-the-ranking-of-the-backends",
        anchor("Fused kernels, and the ranking of the backends"));
    assertEquals("a_b-c-d", anchor("A_b c-d"));
  }

  /** The checker finds what is broken and nothing else, so that the test above can fail. */
  @Test
  void brokenLinksAreFoundWithPageAndLine(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("docs"));
    Files.writeString(dir.resolve("README.md"), String.join("\n",
        "# Front",
        "[ok](docs/a.md) and [ok too](docs/a.md#second-part) and [self](#front) and [web](https://example.org/x.md)",
        "[missing file](docs/none.md)",
        "![missing image](docs/none.png)",
        "[missing anchor](docs/a.md#no-such-heading)",
        "`[in code](docs/none.md)`",
        "```",
        "[in a fence](docs/none.md)",
        "```",
        "[ref]: docs/gone.md",
        ""));
    Files.writeString(dir.resolve("docs/a.md"), String.join("\n",
        "# A", "## Second part", "[back](../README.md#front) [image](pic.png)", ""));
    Files.writeString(dir.resolve("docs/pic.png"), "");
    List<String> broken = brokenLinks(dir);
    assertEquals(4, broken.size(), String.join("\n", broken));
    assertTrue(broken.get(0).contains("README.md:3: [missing file](docs/none.md)"), broken.get(0));
    assertTrue(broken.get(1).contains("README.md:4: ![missing image](docs/none.png)"), broken.get(1));
    assertTrue(broken.get(2).contains("README.md:5: [missing anchor](docs/a.md#no-such-heading)")
        && broken.get(2).contains("no heading"), broken.get(2));
    assertTrue(broken.get(3).contains("README.md:10: [ref]: docs/gone.md"), broken.get(3));
  }

  /** README.md and every docs/*.md under {@code root}. */
  static List<Path> pages(Path root) throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(root.resolve("README.md"));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** Each broken link of the pages under {@code root}, as "page:line: link: why", in page and line order. */
  static List<String> brokenLinks(Path root) throws IOException {
    Map<Path, Set<String>> anchors = new HashMap<>();
    List<String> broken = new ArrayList<>();
    for (Path page : pages(root)) {
      for (Link link : links(page, root.relativize(page).toString().replace('\\', '/'))) {
        String target = link.target();
        if (SCHEME.matcher(target).find()) {
          continue; // http, https, mailto: not a page of this repository
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? "" : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? page
            : page.getParent().resolve(URLDecoder.decode(file, StandardCharsets.UTF_8)).normalize();
        if (!Files.exists(resolved)) {
          broken.add(link + ": no file " + root.relativize(resolved).toString().replace('\\', '/'));
        } else if (!fragment.isEmpty() && resolved.getFileName().toString().endsWith(".md")) {
          Set<String> headings = anchors.computeIfAbsent(resolved, DocsLinksTest::anchorsOf);
          if (!headings.contains(fragment.toLowerCase(Locale.ROOT))) {
            broken.add(link + ": no heading with anchor #" + fragment + " in " + resolved.getFileName());
          }
        }
      }
    }
    return broken;
  }

  /** The links of a page, outside fenced code blocks and code spans. */
  static List<Link> links(Path page, String pageName) throws IOException {
    List<Link> links = new ArrayList<>();
    List<String> lines = Files.readAllLines(page);
    for (int i : proseLines(lines)) {
      String line = lines.get(i);
      Matcher definition = REFERENCE_DEFINITION.matcher(line);
      if (definition.matches()) {
        links.add(new Link(pageName, i + 1, line.strip(), definition.group(1)));
        continue;
      }
      Matcher inline = INLINE_LINK.matcher(withoutCodeSpans(line)); // same length: positions hold
      while (inline.find()) {
        links.add(new Link(pageName, i + 1, line.substring(inline.start(), inline.end()),
            line.substring(inline.start(2), inline.end(2))));
      }
    }
    return links;
  }

  /** The GitHub anchors of a page's headings, a repeated one numbered as GitHub does (-1, -2, ...). */
  static Set<String> anchorsOf(Path page) {
    List<String> lines;
    try {
      lines = Files.readAllLines(page);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i : proseLines(lines)) {
      Matcher heading = HEADING.matcher(lines.get(i));
      if (heading.matches()) {
        String anchor = anchor(heading.group(1));
        int count = seen.merge(anchor, 1, Integer::sum);
        anchors.add(count == 1 ? anchor : anchor + "-" + (count - 1));
      }
    }
    return anchors;
  }

  /** The indexes of the lines outside fenced code blocks, where links and headings are. */
  static List<Integer> proseLines(List<String> lines) {
    List<Integer> prose = new ArrayList<>();
    String fence = null;
    for (int i = 0; i < lines.size(); i++) {
      String stripped = lines.get(i).strip();
      if (fence != null) {
        if (stripped.startsWith(fence)) {
          fence = null;
        }
      } else if (stripped.startsWith("```") || stripped.startsWith("~~~")) {
        fence = stripped.substring(0, 3);
      } else {
        prose.add(i);
      }
    }
    return prose;
  }

  /**
   * GitHub's anchor of a heading: its text (a link's text, not its target) in lower case, every
   * character but letters, digits, spaces, '-' and '_' removed, spaces turned into '-'.
   */
  static String anchor(String heading) {
    String text = INLINE_LINK.matcher(heading).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    return text.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  private static String withoutCodeSpans(String line) {
    // A code span becomes plain text of its own length, so a link's text may hold code
    // ([`nabla train`](cli.md)) while code that looks like a link is not one.
    return CODE_SPAN.matcher(line).replaceAll(m -> "x".repeat(m.group().length()));
  }
}
