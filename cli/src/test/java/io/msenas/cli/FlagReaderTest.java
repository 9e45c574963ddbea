package io.msenas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The flag-value parsing every command shares. */
class FlagReaderTest {

  /** Each flag and its value as "flag value" (switches: the flag alone). */
  private static List<String> read(String... args) {
    FlagReader flags = new FlagReader(List.of(args));
    List<String> read = new ArrayList<>();
    while (flags.hasNext()) {
      String flag = flags.next();
      read.add(flag.equals("--json") ? flag + " " + flags.noValue() : flag + " " + flags.value());
    }
    return read;
  }

  @Test
  void aValueFollowsItsFlagOrItsEqualsSign() {
    assertThat(read("--out", "x", "--epochs=3", "--json", "--seed=", "--url=a=b"))
        .containsExactly("--out x", "--epochs 3", "--json true", "--seed ", "--url a=b");
  }

  @Test
  void aNegativeNumberIsAValueNotAFlag() {
    assertThat(read("--seed", "-1")).containsExactly("--seed -1");
  }

  @Test
  void anExplicitValueMayStartWithTwoDashes() {
    assertThat(read("--out=--json")).containsExactly("--out --json");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--out --json   | --out needs a value",
        "--out          | --out needs a value",
        "--json=yes     | --json takes no value, was given 'yes'",
        "out x          | unexpected argument 'out' (flags start with --)",
      })
  void aMissingOrMisplacedValueIsABadCommandLine(String args, String message) {
    assertThatThrownBy(() -> read(args.strip().split(" ")))
        .isInstanceOf(UsageException.class)
        .hasMessage(message.strip());
  }
}
