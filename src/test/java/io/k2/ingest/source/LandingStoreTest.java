package io.k2.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.k2.ingest.TestConfigs;
import io.k2.ingest.event.LandedObject;
import io.k2.ingest.local.EmbeddedS3;
import io.k2.ingest.local.LocalClients;
import io.k2.ingest.parse.FileRejectedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reading landed objects from a real S3 server: identity, strict text, gzip, the hash of the bytes
 * and the errors that tell bad content (permanent) from a broken read (transient).
 */
class LandingStoreTest {

  private static EmbeddedS3 server;
  private static S3Client s3;
  private static LandingStore store;
  private static final List<String> reads = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startServer() {
    server =
        EmbeddedS3.inMemory(
            (method, path, query, headers) -> {
              if (method.equals("GET")) {
                reads.add(path + "?" + query + " If-Match: " + headers.apply("If-Match"));
              }
              return status -> {};
            });
    server.createBucket("landing");
    s3 = LocalClients.s3(server.endpoint());
    store =
        new LandingStore(
            s3, new ObjectRouter(TestConfigs.k2(Map.of("k2.landing.max-object-bytes", "80000"))));
  }

  @AfterAll
  static void stopServer() {
    s3.close();
    server.close();
  }

  @Test
  void readsTheTextAndReportsTheIdentityAndTheHashOfTheBytes() throws IOException {
    String etag = put("trades/a.csv", utf8("price\n1.5é\n"));

    try (OpenedObject opened = store.open(landed("trades/a.csv", etag))) {
      assertThat(read(opened.text())).isEqualTo("price\n1.5é\n");
      assertThat(opened.identity())
          .isEqualTo(new SourceIdentity("landing", "trades/a.csv", etag, null, 12));
      assertThat(opened.landedAt())
          .isEqualTo(s3.headObject(b -> b.bucket("landing").key("trades/a.csv")).lastModified());
      assertThat(opened.finish()).isEqualTo(sha256(utf8("price\n1.5é\n")));
    }
  }

  @Test
  void finishReadsWhatTheParserLeftSoTheHashCoversTheWholeObject() throws IOException {
    byte[] content = utf8("a".repeat(20_000));
    String etag = put("trades/long.csv", content);

    try (OpenedObject opened = store.open(landed("trades/long.csv", etag))) {
      char[] first = new char[10];
      assertThat(opened.text().read(first)).isEqualTo(10);
      assertThat(opened.finish()).isEqualTo(sha256(content));
    }
  }

  @Test
  void gzipObjectsAreDecompressedOnTheFlyAndHashedAsStored() throws IOException {
    byte[] gz = gzip(utf8("x,y\n1,2\n"));
    String etag = put("trades/z.csv.gz", gz);

    try (OpenedObject opened = store.open(landed("trades/z.csv.gz", etag))) {
      assertThat(read(opened.text())).isEqualTo("x,y\n1,2\n");
      assertThat(opened.finish()).isEqualTo(sha256(gz));
    }
  }

  @Test
  void anInvalidByteIsRejectedAtItsPosition() throws IOException {
    byte[] latin1 = "ab\ncé".getBytes(StandardCharsets.ISO_8859_1);
    String etag = put("trades/latin1.csv", latin1);

    try (OpenedObject opened = store.open(landed("trades/latin1.csv", etag))) {
      assertThatThrownBy(() -> read(opened.text()))
          .isInstanceOf(FileRejectedException.class)
          .hasMessage("not UTF-8 text: invalid byte sequence at line 2, byte 5");
    }
  }

  @Test
  void anInvalidByteAfterTheFirstBufferIsCountedFromTheStartOfTheObject() throws IOException {
    byte[] content = new byte[70_001];
    Arrays.fill(content, (byte) 'a');
    content[70_000] = (byte) 0xff;
    String etag = put("trades/late.csv", content);

    try (OpenedObject opened = store.open(landed("trades/late.csv", etag))) {
      assertThatThrownBy(() -> read(opened.text()))
          .isInstanceOf(FileRejectedException.class)
          .hasMessage("not UTF-8 text: invalid byte sequence at line 1, byte 70001");
    }
  }

  @Test
  void anInvalidByteInsideGzipIsCountedInTheDecompressedData() throws IOException {
    byte[] gz = gzip(new byte[] {'o', 'k', (byte) 0xc3});
    String etag = put("trades/bad.csv.gz", gz);

    try (OpenedObject opened = store.open(landed("trades/bad.csv.gz", etag))) {
      assertThatThrownBy(() -> read(opened.text()))
          .isInstanceOf(FileRejectedException.class)
          .hasMessage(
              "not UTF-8 text: invalid byte sequence at line 1, byte 3 of the decompressed data");
    }
  }

  @Test
  void corruptAndTruncatedGzipAreRejected() throws IOException {
    byte[] gz = gzip(utf8("x,y\n".repeat(100)));
    byte[] truncated = Arrays.copyOf(gz, gz.length - 6);
    String truncatedTag = put("trades/t.csv.gz", truncated);
    String notGzipTag = put("trades/n.csv.gz", utf8("plain text, not gzip"));

    try (OpenedObject opened = store.open(landed("trades/t.csv.gz", truncatedTag))) {
      assertThatThrownBy(() -> read(opened.text()))
          .isInstanceOf(FileRejectedException.class)
          .hasMessage("truncated gzip data: member 1 at byte offset 0 ends before its trailer");
    }
    try (OpenedObject opened = store.open(landed("trades/n.csv.gz", notGzipTag))) {
      assertThatThrownBy(() -> read(opened.text()))
          .isInstanceOf(FileRejectedException.class)
          .hasMessageStartingWith("corrupt gzip data: ");
    }
  }

  @Test
  void anObjectLargerThanTheLimitIsRefusedBeforeItIsRead() {
    String etag = put("trades/big.csv", new byte[80_001]);

    assertThatThrownBy(() -> store.open(landed("trades/big.csv", etag)))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("object is 80001 bytes, over the limit of 80000 bytes");
  }

  @Test
  void anObjectAtTheLimitIsRead() throws IOException {
    String etag = put("trades/limit.csv", utf8("a".repeat(80_000)));

    try (OpenedObject opened = store.open(landed("trades/limit.csv", etag))) {
      assertThat(read(opened.text())).hasSize(80_000);
    }
  }

  @Test
  void theReadIsPinnedToTheEventsETag() {
    put("trades/changed.csv", utf8("new content"));

    assertThatThrownBy(() -> store.open(landed("trades/changed.csv", "0123456789abcdef")))
        .isInstanceOf(S3Exception.class)
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(412));
  }

  @Test
  void aReadIsPinnedToTheEventsVersionIdRatherThanItsETag() {
    put("trades/versioned.csv", utf8("a"));
    reads.clear();

    // The in-process server does not keep versions (it answers 501), so look at the request.
    var unused =
        catchThrowable(
            () ->
                store.open(new LandedObject("landing", "trades/versioned.csv", "e1", "v7", null)));

    assertThat(reads).containsExactly("/landing/trades/versioned.csv?versionId=v7 If-Match: null");
  }

  @Test
  void putTextWritesTheReportWithItsContentType() {
    store.putText("landing", "_rejected/r.jsonl", "application/x-ndjson", "{\"a\":1}\n");

    var report = s3.getObjectAsBytes(b -> b.bucket("landing").key("_rejected/r.jsonl"));
    assertThat(report.asUtf8String()).isEqualTo("{\"a\":1}\n");
    assertThat(report.response().contentType()).isEqualTo("application/x-ndjson");
  }

  @Test
  void etagsLoseTheQuotesHttpPutsAroundThem() {
    assertThat(LandingStore.unquote("\"abc\"")).isEqualTo("abc");
    assertThat(LandingStore.unquote("abc")).isEqualTo("abc");
    assertThat(LandingStore.unquote(null)).isNull();
  }

  private static String put(String key, byte[] content) {
    return LandingStore.unquote(
        s3.putObject(b -> b.bucket("landing").key(key), RequestBody.fromBytes(content)).eTag());
  }

  private static LandedObject landed(String key, String eTag) {
    return new LandedObject("landing", key, eTag, null, null);
  }

  private static String read(Reader reader) throws IOException {
    StringWriter out = new StringWriter();
    reader.transferTo(out);
    return out.toString();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    }
    return out.toByteArray();
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
