package io.k2.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Counting and hashing every byte, and telling a broken read from a complete one. */
class ByteCountingTest {

  // SHA-256 of "hello".
  private static final String HELLO_SHA256 =
      "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

  @Test
  void singleByteReadsSkipsAndBulkReadsAreAllCountedAndHashed() throws IOException {
    HashingCountingInputStream in = new HashingCountingInputStream(stream("hello"));

    assertThat(in.read()).isEqualTo('h');
    assertThat(in.skip(2)).isEqualTo(2);
    byte[] rest = new byte[10];
    assertThat(in.read(rest, 3, 7)).isEqualTo(2);
    assertThat(in.read()).isEqualTo(-1);
    assertThat(in.read(rest, 0, 10)).isEqualTo(-1);

    assertThat(in.count()).isEqualTo(5);
    assertThat(in.sha256Hex()).isEqualTo(HELLO_SHA256);
  }

  @Test
  void aZeroByteReadAloneIsCountedAndHashedLikeAnyOther() throws IOException {
    HashingCountingInputStream in =
        new HashingCountingInputStream(new ByteArrayInputStream(new byte[] {0, 0}));

    assertThat(in.read()).isZero();
    assertThat(in.read()).isZero();
    assertThat(in.read()).isEqualTo(-1);
    assertThat(in.count()).isEqualTo(2);
    // SHA-256 of two zero bytes.
    assertThat(in.sha256Hex())
        .isEqualTo("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7");
  }

  @Test
  void skippingPastTheEndSkipsWhatIsLeft() throws IOException {
    HashingCountingInputStream in = new HashingCountingInputStream(stream("hello"));

    assertThat(in.skip(100_000)).isEqualTo(5);
    assertThat(in.count()).isEqualTo(5);
    assertThat(in.sha256Hex()).isEqualTo(HELLO_SHA256);
  }

  @Test
  void drainReadsTheRest() throws IOException {
    HashingCountingInputStream in = new HashingCountingInputStream(stream("hello"));
    in.drain();

    assertThat(in.count()).isEqualTo(5);
    assertThat(in.sha256Hex()).isEqualTo(HELLO_SHA256);
  }

  @Test
  void finishingAnObjectThatArrivedShortIsATransientFailure() throws IOException {
    SourceIdentity identity = new SourceIdentity("landing", "trades/a.csv", "e", null, 6);
    HashingCountingInputStream raw = new HashingCountingInputStream(stream("hello"));

    try (OpenedObject opened = new OpenedObject(identity, Instant.EPOCH, raw, false)) {
      assertThatThrownBy(opened::finish)
          .isInstanceOf(IOException.class)
          .hasMessage("read 5 of 6 bytes of trades/a.csv");
    }
  }

  @Test
  void aGzipStreamThatBreaksOffBeforeItsEndIsNotBlamedOnTheContent() throws IOException {
    // The store announced 1000 bytes but the connection delivered only the gzip header's start.
    SourceIdentity identity = new SourceIdentity("landing", "trades/a.csv.gz", "e", null, 1000);
    InputStream broken = new ByteArrayInputStream(new byte[] {0x1f, (byte) 0x8b, 8, 0});

    try (OpenedObject opened =
        new OpenedObject(identity, Instant.EPOCH, new HashingCountingInputStream(broken), true)) {
      assertThatThrownBy(() -> opened.text().read(new char[8]))
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(io.k2.ingest.parse.FileRejectedException.class);
    }
  }

  @Test
  void closingTheObjectClosesItsStream() throws IOException {
    boolean[] closed = {false};
    InputStream source =
        new ByteArrayInputStream(new byte[0]) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    SourceIdentity identity = new SourceIdentity("landing", "trades/a.csv", "e", null, 0);

    new OpenedObject(identity, Instant.EPOCH, new HashingCountingInputStream(source), false)
        .close();

    assertThat(closed[0]).isTrue();
  }

  @Test
  void anEmptyReadAsksForNothing() throws IOException {
    SourceIdentity identity = new SourceIdentity("landing", "trades/a.csv", "e", null, 5);
    try (OpenedObject opened =
        new OpenedObject(
            identity, Instant.EPOCH, new HashingCountingInputStream(stream("hello")), false)) {
      assertThat(opened.text().read(new char[4], 0, 0)).isZero();
      char[] chars = new char[8];
      assertThat(opened.text().read(chars, 2, 6)).isEqualTo(5);
      assertThat(new String(chars, 2, 5)).isEqualTo("hello");
      assertThat(opened.text().read(chars, 0, 8)).isEqualTo(-1);
      assertThat(opened.finish()).isEqualTo(HELLO_SHA256);
    }
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
