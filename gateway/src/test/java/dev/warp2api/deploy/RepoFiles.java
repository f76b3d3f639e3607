package dev.warp2api.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Files of the repository the packaging tests hold against each other. */
final class RepoFiles {
  /** Settings that name a gateway setting: the ones the settings table must know. */
  static final Pattern SETTING_NAME = Pattern.compile("(W2A_|WARP_)[A-Z0-9_]+|API_TOKEN");

  /** Sections of docs/CONFIGURATION.md whose names the gateway does not read. */
  private static final Set<String> NOT_READ_BY_THE_GATEWAY = Set.of("Launcher", "Planned settings");

  private static final Pattern BACKTICKED = Pattern.compile("`([A-Za-z0-9_]+)`");

  private RepoFiles() {}

  /** The repository's root (tests run in the gateway module's directory). */
  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("deploy")) ? here : here.getParent();
  }

  /**
   * The settings the gateway reads, as docs/CONFIGURATION.md's tables name them (the first column
   * of each table row), without the launcher's own and the planned ones.
   */
  static Set<String> documentedSettings() {
    Set<String> names = new LinkedHashSet<>();
    String section = "";
    for (String line : lines(root().resolve("docs/CONFIGURATION.md"))) {
      if (line.startsWith("## ")) {
        section = line.substring(3).strip();
      } else if (line.startsWith("| `") && !NOT_READ_BY_THE_GATEWAY.contains(section)) {
        String firstCell = line.substring(1, line.indexOf('|', 1));
        Matcher m = BACKTICKED.matcher(firstCell);
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  /** The gateway module's pom, parsed. */
  static Element gatewayPom() {
    try {
      Document doc = DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(root().resolve("gateway/pom.xml").toFile());
      return doc.getDocumentElement();
    } catch (Exception e) {
      throw new IllegalStateException("gateway/pom.xml cannot be read", e);
    }
  }

  /** The project's version (the parent's, which the gateway module inherits). */
  static String projectVersion() {
    return child(child(gatewayPom(), "parent"), "version").getTextContent().strip();
  }

  /** The first child element named {@code name}; fails when there is none. */
  static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    throw new AssertionError("<" + parent.getTagName() + "> has no <" + name + ">");
  }

  /** The child elements of {@code parent}, in order. */
  static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
