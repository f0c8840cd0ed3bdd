package io.k2.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.parse.FileRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeysTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "asx/trades/7078.csv", "asx/trades/7078.csv.gz", "asx/trades/7078.CSV.GZ",
        "asx/trades/7078.Csv", "asx/trades/7078", "asx/trades/7078.gz",
        "asx/trades/2014-03-10/7078.csv", "asx/trades/2014/03/10/7078.csv.gz"
      })
  void anAsxFileIsNamedByItsCompanyId(String key) {
    assertThat(ObjectKeys.asxCompanyId(key)).isEqualTo(7078);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+7078.csv",
        "-7078.csv",
        "7078.backup.csv",
        "7078.csv.bak",
        "7078.txt",
        "07078.csv",
        "٧٠٧٨.csv",
        "７０７８.csv",
        "7078 .csv",
        " 7078.csv",
        "7078.csv.gz.gz",
        "7078.gz.csv",
        "copy-of-7078.csv",
        ".csv",
        "",
        "0.csv",
        "99999999999.csv",
        "2147483648.csv",
        "7078.csv "
      })
  void anythingElseIsRejectedWithTheRule(String name) {
    assertThatThrownBy(() -> ObjectKeys.asxCompanyId("asx/trades/" + name))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("ASX file name '" + name + "' is not accepted: " + ObjectKeys.ASX_NAME_RULE);
  }

  @Test
  void everyDigitMayAppearInAnId() {
    assertThat(ObjectKeys.asxCompanyId("asx/trades/9.csv")).isEqualTo(9);
    assertThat(ObjectKeys.asxCompanyId("asx/trades/1234567890.csv")).isEqualTo(1234567890);
  }

  @Test
  void theLargestIntIsStillAnId() {
    assertThat(ObjectKeys.asxCompanyId("asx/trades/2147483647.csv")).isEqualTo(Integer.MAX_VALUE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "trades/a.csv",
        "trades/2014/03/10/a.csv.gz",
        "trades/a..b.csv",
        "trades/.hidden/a.csv",
        "trades/a.csv.",
        "trades//a.csv",
        "trades/société.csv"
      })
  void ordinaryKeysAreAccepted(String key) {
    assertThat(ObjectKeys.problem(key)).isNull();
  }

  @Test
  void eachUnsafeKeyIsNamedWithItsProblem() {
    assertThat(ObjectKeys.problem("/trades/a.csv")).isEqualTo("starts with '/'");
    assertThat(ObjectKeys.problem("trades/../a.csv")).isEqualTo("contains a '..' path segment");
    assertThat(ObjectKeys.problem("..")).isEqualTo("contains a '..' path segment");
    assertThat(ObjectKeys.problem("trades/./a.csv")).isEqualTo("contains a '.' path segment");
    assertThat(ObjectKeys.problem("trades/a/.")).isEqualTo("contains a '.' path segment");
    assertThat(ObjectKeys.problem("trades/a\nb.csv"))
        .isEqualTo("contains a control character at position 8");
    assertThat(ObjectKeys.problem("\u0000trades/a.csv"))
        .isEqualTo("contains a control character at position 0");
    assertThat(ObjectKeys.problem("trades/a.csv\u007f"))
        .isEqualTo("contains a control character at position 12");
  }

  @Test
  void aKeyMayBeAsLongAsS3AllowsAndNoLonger() {
    String longest = "trades/" + "a".repeat(ObjectKeys.MAX_KEY_LENGTH - "trades/".length());

    assertThat(ObjectKeys.problem(longest)).isNull();
    assertThat(ObjectKeys.problem(longest + "a")).isEqualTo("longer than 1024 characters");
  }

  @Test
  void gzipIsRecognisedInAnyCase() {
    assertThat(ObjectKeys.isGzip("trades/a.csv.gz")).isTrue();
    assertThat(ObjectKeys.isGzip("trades/a.csv.GZ")).isTrue();
    assertThat(ObjectKeys.isGzip("trades/a.csv.Gz")).isTrue();
    assertThat(ObjectKeys.isGzip("trades/a.csv")).isFalse();
    assertThat(ObjectKeys.isGzip("gz")).isFalse();
    assertThat(ObjectKeys.isGzip(".gz")).isTrue();
    assertThat(ObjectKeys.isGzip("trades/a.gzip")).isFalse();
    assertThat(ObjectKeys.isGzip("trades/a.tgz")).isFalse();
  }
}
