package io.k2.ingest.parse;

import static io.k2.ingest.domain.MarketTable.QUOTES;
import static io.k2.ingest.domain.MarketTable.TRADES;
import static io.k2.ingest.parse.Parsing.asx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.k2.ingest.config.K2Config.Layout;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;

class AsxParserTest {

  @Test
  void tradeRowBecomesAnExactRecord() {
    CollectingSink sink = asx(TRADES, "03/10/2014,10:00:01.123,36.667,20000,3,X,12.5\r\n");

    assertThat(sink.errors).isEmpty();
    Record row = sink.rows.get(0);
    assertThat(row.getField("symbol")).isEqualTo("BHP");
    assertThat(row.getField("company_id")).isEqualTo(7078);
    assertThat(row.getField("exchange")).isEqualTo("ASX");
    assertThat(row.getField("exchange_timestamp"))
        .isEqualTo(LocalDateTime.of(2014, 3, 10, 10, 0, 1, 123_000_000));
    assertThat(row.getField("price")).isEqualTo(new BigDecimal("36.667000"));
    assertThat(row.getField("volume")).isEqualTo(20000L);
    assertThat(row.getField("qualifiers")).isEqualTo(3);
    assertThat(row.getField("venue")).isEqualTo("X");
    assertThat(row.getField("buyer_id")).isEqualTo("12.5");
    assertThat(row.getField("ingestion_timestamp")).isEqualTo(Parsing.INGESTED);
    assertThat(row.getField("sequence_number")).isEqualTo(1L);
    assertThat(row.getField("source_file")).isEqualTo(Parsing.SOURCE);
  }

  @Test
  void emptyVenueAndBuyerIdAreNull() {
    CollectingSink sink = asx(TRADES, "03/10/2014,13:50:38.847,1.11,3667,0,,\r\n");

    assertThat(sink.errors).isEmpty();
    assertThat(sink.rows.get(0).getField("venue")).isNull();
    assertThat(sink.rows.get(0).getField("buyer_id")).isNull();
    assertThat(sink.rows.get(0).getField("price")).isEqualTo(new BigDecimal("1.110000"));
  }

  @Test
  void quoteRowMapsTheVendorOrderToTheSchemaOrder() {
    CollectingSink sink = asx(QUOTES, "03/10/2014,05:46:13.608,1.11,1.18,10300,3667\r\n");

    assertThat(sink.errors).isEmpty();
    Record row = sink.rows.get(0);
    assertThat(row.getField("bid_price")).isEqualTo(new BigDecimal("1.110000"));
    assertThat(row.getField("ask_price")).isEqualTo(new BigDecimal("1.180000"));
    assertThat(row.getField("bid_volume")).isEqualTo(10300L);
    assertThat(row.getField("ask_volume")).isEqualTo(3667L);
    assertThat(row.getField("exchange_timestamp"))
        .isEqualTo(LocalDateTime.of(2014, 3, 10, 5, 46, 13, 608_000_000));
    assertThat(row.getField("sequence_number")).isEqualTo(1L);
    // Positions follow the schema: bid_price, bid_volume, ask_price, ask_volume.
    assertThat(List.of(row.get(4), row.get(5), row.get(6), row.get(7)))
        .containsExactly(new BigDecimal("1.110000"), 10300L, new BigDecimal("1.180000"), 3667L);
  }

  @Test
  void quoteWithAnEmptySideOfTheBookIsAccepted() {
    CollectingSink sink = asx(QUOTES, "03/10/2014,05:43:45.671,37.7,0.0,300,0\r\n");

    assertThat(sink.errors).isEmpty();
    assertThat(sink.rows.get(0).getField("ask_price")).isEqualTo(new BigDecimal("0.000000"));
    assertThat(sink.rows.get(0).getField("ask_volume")).isEqualTo(0L);
  }

  @Test
  void timesTakeNoneToSixFractionalDigitsAndExactTrailingZeros() {
    String text =
        """
        03/10/2014,10:00:01,1.1,1,0,,
        03/10/2014,10:00:01.123000000,1.1,1,0,,
        03/10/2014,10:00:01.5,1.1,1,0,,
        03/10/2014,10:00:01.123456,1.1,1,0,,
        03/10/2014,00:00:00.000,1.1,1,0,,
        03/10/2014,23:59:59.999,1.1,1,0,,
        """;

    CollectingSink sink = asx(TRADES, text);

    assertThat(sink.errors).isEmpty();
    assertThat(sink.rows)
        .extracting(r -> r.getField("exchange_timestamp"))
        .containsExactly(
            LocalDateTime.of(2014, 3, 10, 10, 0, 1),
            LocalDateTime.of(2014, 3, 10, 10, 0, 1, 123_000_000),
            LocalDateTime.of(2014, 3, 10, 10, 0, 1, 500_000_000),
            LocalDateTime.of(2014, 3, 10, 10, 0, 1, 123_456_000),
            LocalDateTime.of(2014, 3, 10, 0, 0),
            LocalDateTime.of(2014, 3, 10, 23, 59, 59, 999_000_000));
  }

  @Test
  void crlfLfAndAMissingFinalLineBreakReadTheSame() {
    String crlf = "03/10/2014,10:00:00.000,1.1,1,0,,\r\n03/10/2014,10:00:00.001,1.2,2,0,,\r\n";
    String lf = crlf.replace("\r\n", "\n");
    String unterminated = lf.substring(0, lf.length() - 1);

    for (String text : List.of(crlf, lf, unterminated)) {
      CollectingSink sink = asx(TRADES, text);
      assertThat(sink.errors).isEmpty();
      assertThat(sink.rows)
          .extracting(r -> r.getField("price"))
          .containsExactly(new BigDecimal("1.100000"), new BigDecimal("1.200000"));
    }
  }

  @Test
  void sequenceNumbersFollowFileOrderAndRestartEachDay() {
    String text =
        """
        03/10/2014,10:00:00.000,1.1,100,0,,
        03/10/2014,10:00:00.000,1.2,200,0,,
        03/10/2014,09:59:59.000,1.3,300,0,,
        03/11/2014,10:00:00.000,1.4,400,0,,
        03/11/2014,10:00:00.000,1.5,500,0,,
        """;

    CollectingSink sink = asx(TRADES, text);

    assertThat(sink.rows)
        .extracting(r -> r.getField("volume"), r -> r.getField("sequence_number"))
        .containsExactly(
            tuple(100L, 1L), tuple(200L, 2L), tuple(300L, 3L), tuple(400L, 1L), tuple(500L, 2L));
  }

  @Test
  void badRowsDoNotTakeASequenceNumber() {
    String text =
        """
        03/10/2014,10:00:00.000,1.1,100,0,,
        03/10/2014,10:00:00.000,-1,200,0,,
        03/10/2014,10:00:00.000,1.3,300,0,,
        """;

    CollectingSink sink = asx(TRADES, text);

    assertThat(sink.errors).hasSize(1);
    assertThat(sink.rows).extracting(r -> r.getField("sequence_number")).containsExactly(1L, 2L);
  }

  @Test
  void aHeaderRowIsABadRowAndTheRestIsRead() {
    String text =
        "Date,Time,Price,Volume,Qualifiers,Venue,BuyerID\r\n"
            + "03/10/2014,10:00:00.000,1.1,100,0,,\r\n";

    CollectingSink sink = asx(TRADES, text);

    assertThat(sink.errors)
        .containsExactly(new RowError(1, null, null, ParseMessages.ASX_HEADER_ROW));
    assertThat(sink.rows).hasSize(1);
  }

  @Test
  void blankLinesAreSkippedAndLineNumbersStayPhysical() {
    String text =
        "\r\n"
            + "03/10/2014,10:00:00.000,1.1,100,0,,\r\n\r\n"
            + "03/10/2014,25:00:00.000,1.1,100,0,,\r\n\r\n";

    CollectingSink sink = asx(TRADES, text);

    assertThat(sink.rows).hasSize(1);
    assertThat(sink.errors)
        .containsExactly(
            new RowError(4, "exchange_timestamp", "25:00:00.000", ParseMessages.HOUR_OUT_OF_RANGE));
  }

  @Test
  void byteOrderMarkIsNotPartOfTheFirstDate() {
    CollectingSink sink = asx(TRADES, "\uFEFF03/10/2014,10:00:00.000,1.1,100,0,,\r\n");

    assertThat(sink.errors).isEmpty();
    assertThat(sink.rows).hasSize(1);
  }

  @Test
  void fileWithoutRowsIsRejected() {
    for (String text : List.of("", "\r\n", "\n\n\n")) {
      assertThatThrownBy(() -> asx(TRADES, text))
          .isInstanceOf(FileRejectedException.class)
          .hasMessage("empty file: no rows");
    }
  }

  @Test
  void theLayoutNeedsACompany() {
    ParseContext noCompany = new ParseContext(TRADES, "s3://b/k", OffsetDateTime.now(), null);

    assertThatThrownBy(() -> new ParserFactory().create(Layout.ASX, noCompany))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the ASX layout needs the file's company");
  }
}
