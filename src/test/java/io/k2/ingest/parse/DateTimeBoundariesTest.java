package io.k2.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.k2.ingest.config.K2Config.DateWindow;
import java.time.LocalDateTime;
import org.apache.iceberg.util.DateTimeUtil;
import org.junit.jupiter.api.Test;

/** The edges of dates and times: first and last months and days, digits, ranges, fractions. */
class DateTimeBoundariesTest {

  private final DateTimeParser parser = new DateTimeParser(DateWindow.DEFAULT);

  @Test
  void januaryDecemberAndTheFirstAndLastDayOfAMonthAreDates() {
    assertThat(asx("01/01/2014", "00:00:00.000")).isEqualTo("2014-01-01T00:00");
    assertThat(asx("12/31/2014", "23:59:59.999")).isEqualTo("2014-12-31T23:59:59.999");
    assertThat(asx("03/01/2014", "10:00:00.000")).isEqualTo("2014-03-01T10:00");
    assertThat(asx("04/30/2014", "10:00:00.000")).isEqualTo("2014-04-30T10:00");
    assertThat(asx("02/29/2016", "10:00:00.000")).isEqualTo("2016-02-29T10:00");
    assertThat(iso("2014-01-01T00:00:00")).isEqualTo("2014-01-01T00:00");
    assertThat(iso("2014-12-31 23:59:59.999999")).isEqualTo("2014-12-31T23:59:59.999999");
  }

  @Test
  void monthZeroAndThirteenDayZeroAndDaysPastTheMonthAreNot() {
    for (String date :
        new String[] {"00/10/2014", "13/10/2014", "03/00/2014", "04/31/2014", "02/29/2014"}) {
      assertThat(parser.asxDate(chars(date), 0, 10))
          .as(date)
          .isEqualTo(ParseMessages.INVALID_ASX_DATE);
    }
    assertThat(parser.asxDate(chars("3/10/2014"), 0, 9)).isEqualTo(ParseMessages.INVALID_ASX_DATE);
    assertThat(parser.asxDate(chars("03-10-2014"), 0, 10))
        .isEqualTo(ParseMessages.INVALID_ASX_DATE);
    assertThat(parser.asxDate(chars("03/1x/2014"), 0, 10))
        .isEqualTo(ParseMessages.INVALID_ASX_DATE);
    assertThat(parser.asxDate(chars("03/10/20l4"), 0, 10))
        .isEqualTo(ParseMessages.INVALID_ASX_DATE);
  }

  @Test
  void theLastDateIsReusedOnlyWhenItsTextIsTheSame() {
    assertThat(asx("03/10/2014", "10:00:00.000")).isEqualTo("2014-03-10T10:00");
    assertThat(asx("03/10/2014", "11:00:00.000")).isEqualTo("2014-03-10T11:00");
    assertThat(asx("03/11/2014", "10:00:00.000")).isEqualTo("2014-03-11T10:00");
    assertThat(iso("2014-03-11T09:00:00")).isEqualTo("2014-03-11T09:00");
    assertThat(parser.asxDate(chars("13/11/2014"), 0, 10))
        .isEqualTo(ParseMessages.INVALID_ASX_DATE);
  }

  @Test
  void eachTimeFieldHasItsRangeAndItsDigits() {
    parser.asxDate(chars("03/10/2014"), 0, 10);
    assertThat(time("23:59:59.000")).isNull();
    assertThat(time("24:00:00.000")).isEqualTo(ParseMessages.HOUR_OUT_OF_RANGE);
    assertThat(time("10:60:00.000")).isEqualTo(ParseMessages.MINUTE_OUT_OF_RANGE);
    assertThat(time("10:00:60.000")).isEqualTo(ParseMessages.SECOND_OUT_OF_RANGE);
    assertThat(time("10:00:0x.000")).isEqualTo(ParseMessages.INVALID_ASX_TIME);
    assertThat(time("10:0x:00.000")).isEqualTo(ParseMessages.INVALID_ASX_TIME);
    assertThat(time("1x:00:00.000")).isEqualTo(ParseMessages.INVALID_ASX_TIME);
    assertThat(time("10:00:00.0x0")).isEqualTo(ParseMessages.INVALID_ASX_TIME);
    assertThat(time("10:00:00,000")).isEqualTo(ParseMessages.INVALID_ASX_TIME);
    assertThat(time("10-00:00.000")).isEqualTo(ParseMessages.INVALID_ASX_TIME);
    assertThat(time("10:00-00.000")).isEqualTo(ParseMessages.INVALID_ASX_TIME);
    assertThat(time("10:00:0")).isEqualTo(ParseMessages.INVALID_ASX_TIME);
  }

  @Test
  void fractionsOfOneToSixDigitsScaleToTheirPlaceAndABareDotIsRefused() {
    parser.asxDate(chars("03/10/2014"), 0, 10);
    assertThat(timeOf("10:00:00")).isEqualTo("2014-03-10T10:00");
    assertThat(time("10:00:00.")).isEqualTo(ParseMessages.INVALID_ASX_TIME);
    assertThat(timeOf("10:00:00.5")).isEqualTo("2014-03-10T10:00:00.500");
    assertThat(timeOf("10:00:00.05")).isEqualTo("2014-03-10T10:00:00.050");
    assertThat(timeOf("10:00:00.123")).isEqualTo("2014-03-10T10:00:00.123");
    assertThat(timeOf("10:00:00.1234")).isEqualTo("2014-03-10T10:00:00.123400");
    assertThat(timeOf("10:00:00.000001")).isEqualTo("2014-03-10T10:00:00.000001");
    assertThat(time("10:00:00.1234567")).isEqualTo(ParseMessages.TOO_MANY_FRACTION_DIGITS);
  }

  @Test
  void isoDateTimesNeedTheirSeparatorsAndNoZone() {
    assertThat(isoError("2014-03-10X10:00:00")).isEqualTo(ParseMessages.INVALID_LOCAL_DATE_TIME);
    assertThat(isoError("2014/03-10T10:00:00")).isEqualTo(ParseMessages.INVALID_LOCAL_DATE_TIME);
    assertThat(isoError("2014-03/10T10:00:00")).isEqualTo(ParseMessages.INVALID_LOCAL_DATE_TIME);
    assertThat(isoError("2014-03-10T10:00:0")).isEqualTo(ParseMessages.INVALID_LOCAL_DATE_TIME);
    assertThat(isoError("2014-13-10T10:00:00")).isEqualTo(ParseMessages.INVALID_LOCAL_DATE_TIME);
    assertThat(isoError("2014-03-10T10:00:00x")).isEqualTo(ParseMessages.INVALID_LOCAL_DATE_TIME);
    assertThat(isoError("2014-03-10T10:00:00.5x")).isEqualTo(ParseMessages.INVALID_LOCAL_DATE_TIME);
    for (String zoned :
        new String[] {
          "2014-03-10T10:00:00Z",
          "2014-03-10T10:00:00z",
          "2014-03-10T10:00:00+10:00",
          "2014-03-10T10:00:00.5-05:00",
          "2014-03-10T10:00:00[Australia/Sydney]"
        }) {
      assertThat(isoError(zoned)).as(zoned).isEqualTo(ParseMessages.OFFSET_NOT_ACCEPTED);
    }
  }

  @Test
  void fieldsAreReadBetweenTheirOffsetsInALongerLine() {
    char[] line = chars("x,03/10/2014,10:00:01.250,y");
    assertThat(parser.asxDate(line, 2, 12)).isNull();
    assertThat(parser.asxTime(line, 13, 25)).isNull();
    assertThat(dateTime()).isEqualTo(LocalDateTime.parse("2014-03-10T10:00:01.250"));
    char[] iso = chars("a,2014-03-11T10:00:02,b");
    assertThat(parser.isoLocalDateTime(iso, 2, 21)).isNull();
    assertThat(dateTime()).isEqualTo(LocalDateTime.parse("2014-03-11T10:00:02"));
  }

  private String asx(String date, String time) {
    assertThat(parser.asxDate(chars(date), 0, date.length())).as(date).isNull();
    return timeOf(time);
  }

  private String timeOf(String time) {
    assertThat(time(time)).as(time).isNull();
    return dateTime().toString();
  }

  private String time(String time) {
    return parser.asxTime(chars(time), 0, time.length());
  }

  private String iso(String text) {
    assertThat(isoError(text)).as(text).isNull();
    return dateTime().toString();
  }

  private String isoError(String text) {
    return parser.isoLocalDateTime(chars(text), 0, text.length());
  }

  /** The parser's result as a date-time, checked against the date it also keeps. */
  private LocalDateTime dateTime() {
    LocalDateTime time = DateTimeUtil.timestampFromMicros(parser.micros());
    assertThat(parser.date()).isEqualTo(time.toLocalDate());
    return time;
  }

  private static char[] chars(String text) {
    return text.toCharArray();
  }
}
