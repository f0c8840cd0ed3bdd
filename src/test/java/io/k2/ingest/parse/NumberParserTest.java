package io.k2.ingest.parse;

import static io.k2.ingest.parse.ParseMessages.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberParserTest {

  private final NumberParser numbers = new NumberParser();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1            | 1000000",
        "+1.5         | 1500000",
        "-1.5         | -1500000",
        "0            | 0",
        "-0.0         | 0",
        "007.250      | 7250000",
        "0.000001     | 1",
        "1.1234560000 | 1123456",
        "999999999999.999999 | 999999999999999999",
        "000000000000999999999999 | 999999999999000000",
      })
  void decimalIsExactAtScaleSix(String text, long unscaled) {
    assertThat(decimal(text)).isNull();
    assertThat(numbers.value()).isEqualTo(unscaled);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1234567890123    | " + TOO_MANY_INTEGER_DIGITS,
        "1.0000001        | " + TOO_MANY_DECIMAL_PLACES,
        "1e5              | " + EXPONENT_NOT_ACCEPTED,
        "2.5E+3           | " + EXPONENT_NOT_ACCEPTED,
        "1,5              | " + NOT_A_NUMBER,
        "1_000            | " + NOT_A_NUMBER,
        "0x10             | " + NOT_A_NUMBER,
        "NaN              | " + NOT_A_NUMBER,
        "Infinity         | " + NOT_A_NUMBER,
        "--1              | " + NOT_A_NUMBER,
        "+                | " + NOT_A_NUMBER,
        "1.2.3            | " + NOT_A_NUMBER,
        ".5               | " + NOT_A_NUMBER,
        "5.               | " + NOT_A_NUMBER,
        "'1 000'          | " + WHITESPACE_IN_NUMBER,
        "'1.5 '           | " + WHITESPACE_IN_NUMBER,
        "''               | " + EMPTY,
        "'   '            | " + EMPTY,
      })
  void decimalRefusalSaysWhy(String text, String reason) {
    assertThat(decimal(text)).isEqualTo(reason);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0                   | 0",
        "+42                 | 42",
        "-42                 | -42",
        "00017               | 17",
        "9223372036854775807 | 9223372036854775807",
      })
  void wholeNumberIsRead(String text, long value) {
    assertThat(numbers.wholeNumber(text.toCharArray(), 0, text.length())).isNull();
    assertThat(numbers.value()).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "9223372036854775808  | " + OUT_OF_RANGE,
        "-9223372036854775808 | " + OUT_OF_RANGE,
        "99999999999999999999 | " + OUT_OF_RANGE,
        "1.0                  | " + NOT_A_WHOLE_NUMBER,
        "1.                   | " + NOT_A_NUMBER,
        "1e3                  | " + EXPONENT_NOT_ACCEPTED,
        "ten                  | " + NOT_A_NUMBER,
        "''                   | " + EMPTY,
      })
  void wholeNumberRefusalSaysWhy(String text, String reason) {
    assertThat(numbers.wholeNumber(text.toCharArray(), 0, text.length())).isEqualTo(reason);
  }

  @Test
  void intNumberStaysInTheIntRange() {
    String max = "2147483647";
    assertThat(numbers.intNumber(max.toCharArray(), 0, max.length())).isNull();
    assertThat(numbers.value()).isEqualTo(Integer.MAX_VALUE);
    String tooLarge = "2147483648";
    assertThat(numbers.intNumber(tooLarge.toCharArray(), 0, tooLarge.length()))
        .isEqualTo(OUT_OF_RANGE);
  }

  @Test
  void parsesOnlyItsRangeOfTheBuffer() {
    char[] buffer = "xx12.5yy".toCharArray();
    assertThat(numbers.decimal(buffer, 2, 6)).isNull();
    assertThat(numbers.value()).isEqualTo(12_500_000L);
  }

  private String decimal(String text) {
    return numbers.decimal(text.toCharArray(), 0, text.length());
  }
}
