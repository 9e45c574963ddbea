package io.msenas.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** The repository's files, as the deployment files refer to them. */
final class RepositoryFiles {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(MSE_NAS_[A-Z0-9_]+)");

  private RepositoryFiles() {}

  /** The repository root: the folder above this module's, where the parent pom is. */
  static Path root() {
    Path root = Path.of("").toAbsolutePath().getParent();
    if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("helm"))) {
      throw new IllegalStateException("run from the deployment module: no repository at " + root);
    }
    return root;
  }

  static String read(String path) {
    try {
      return Files.readString(root().resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(String path) {
    return (Map<String, Object>) new Yaml().load(read(path));
  }

  /**
   * The environment variables a service's configuration file reads: its {@code ${MSE_NAS_...}}
   * placeholders, and every property it lists in the form Spring binds from the environment ({@code
   * mse-nas.messaging.quorum-queues} from {@code MSE_NAS_MESSAGING_QUORUM_QUEUES}).
   */
  static Set<String> variablesRead(String configPath) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(read(configPath));
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    for (String property : flatten("", yaml(configPath)).keySet()) {
      names.add(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
    }
    return names;
  }

  /** Nested maps as dotted property names. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> flatten(String prefix, Map<String, Object> map) {
    Map<String, Object> flat = new LinkedHashMap<>();
    map.forEach(
        (key, value) -> {
          String name = prefix.isEmpty() ? key : prefix + "." + key;
          if (value instanceof Map<?, ?> nested) {
            flat.putAll(flatten(name, (Map<String, Object>) nested));
          } else {
            flat.put(name, value);
          }
        });
    return flat;
  }
}
