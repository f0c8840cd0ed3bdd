package io.k2.ingest.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.parse.FileRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class FailureKindTest {

  @Test
  void badDataIsPermanentSettingsAreMisconfiguredTheRestTransient() {
    assertThat(FailureKind.of(new FileRejectedException("empty file: no rows")))
        .isEqualTo(FailureKind.PERMANENT);
    assertThat(FailureKind.of(new Misconfiguration("k2.routes[0].table", "no")))
        .isEqualTo(FailureKind.MISCONFIGURED);
    assertThat(FailureKind.of(new UncheckedIOException(new IOException("reset"))))
        .isEqualTo(FailureKind.TRANSIENT);
    assertThat(FailureKind.of(new NullPointerException())).isEqualTo(FailureKind.TRANSIENT);
  }

  @Test
  void aPermanentFailureIsDescribedByItsMessageOthersWithTheirRootCause() {
    assertThat(FailureKind.describe(new FileRejectedException("empty file: no rows")))
        .isEqualTo("empty file: no rows");
    assertThat(
            FailureKind.describe(
                new IllegalStateException("commit failed", new IOException("connection reset"))))
        .isEqualTo(
            "IllegalStateException: commit failed (caused by IOException: connection reset)");
  }
}
