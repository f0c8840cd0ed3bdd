package io.k2.ingest.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.local.LocalRunOptions.Delivery;
import io.k2.ingest.local.LocalRunOptions.UsageException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalRunOptionsTest {

  @Test
  void defaultsToSampleDataInDotK2Local() {
    LocalRunOptions options = LocalRunOptions.parse();

    assertThat(options)
        .isEqualTo(
            new LocalRunOptions(
                Path.of(".k2-local"),
                Optional.empty(),
                "",
                false,
                Path.of("target"),
                false,
                false,
                Optional.empty(),
                "ingest",
                false));
    assertThat(options.sampleDir()).isEqualTo(Path.of(".k2-local/sample"));
  }

  @Test
  void readsEveryOption() {
    LocalRunOptions options =
        LocalRunOptions.parse(
            "--state", "s", "--land", "d", "--prefix", "asx/", "--json", "--function", "f");

    assertThat(options)
        .isEqualTo(
            new LocalRunOptions(
                Path.of("s"),
                Optional.of(Path.of("d")),
                "asx/",
                true,
                Path.of("f"),
                false,
                false,
                Optional.empty(),
                "ingest",
                false));
  }

  @Test
  void readsTheEventServeAndLogOptions() {
    LocalRunOptions options =
        LocalRunOptions.parse(
            "--event",
            "infra/events/s3-put.json",
            "--function",
            "init",
            "--build",
            "b",
            "--serve",
            "--verbose");

    assertThat(options.event()).contains(Path.of("infra/events/s3-put.json"));
    assertThat(options.handler()).isEqualTo("init");
    assertThat(options.buildDir()).isEqualTo(Path.of("b"));
    assertThat(options.serve()).isTrue();
    assertThat(options.verbose()).isTrue();
    assertThat(options.logDir()).isEqualTo(Path.of(".k2-local/logs"));
    assertThatThrownBy(() -> LocalRunOptions.parse("--event", "e.json", "--land", "d"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--event sends one event and lands nothing: drop --land");
  }

  @Test
  void refusesUnknownOrIncompleteOptions() {
    assertThatThrownBy(() -> LocalRunOptions.parse("--lands", "d"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Unknown option: --lands");
    assertThatThrownBy(() -> LocalRunOptions.parse("--land"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--land needs a value");
    assertThatThrownBy(() -> LocalRunOptions.parse("--state", "--json"))
        .hasMessage("--state needs a value");
    assertThatThrownBy(() -> LocalRunOptions.parse("--prefix", "/asx"))
        .hasMessageContaining("must not start with '/'");
  }

  @Test
  void deliversAsTheDeploymentUnlessToldOtherwise() {
    assertThat(LocalRunOptions.parse().delivery()).isEqualTo(new Delivery(10, 5));
    assertThat(LocalRunOptions.parse("--batch-size", "1", "--concurrency", "2").delivery())
        .isEqualTo(new Delivery(1, 2));
    assertThatThrownBy(() -> LocalRunOptions.parse("--batch-size", "ten"))
        .hasMessage("--batch-size takes a whole number, not 'ten'");
    assertThatThrownBy(() -> LocalRunOptions.parse("--concurrency", "0"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--concurrency at least 1");
  }

  @Test
  void helpSaysWhatIsLanded() {
    assertThat(LocalRunOptions.parse("--help").help()).isTrue();
    assertThat(LocalRunOptions.USAGE)
        .contains("*.csv, *.csv.gz, *.txt, *.txt.gz", "README.md", "--json");
  }
}
