package io.k2.ingest.parse;

import static io.k2.ingest.domain.MarketTable.QUOTES;
import static io.k2.ingest.domain.MarketTable.TRADES;
import static io.k2.ingest.parse.Parsing.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;

class HeaderCsvParserTest {

  @Test
  void columnsMatchByNameInAnyOrderAndCase() {
    String text =
        """
         Volume ,PRICE,Symbol,qualifiers,exchange_timestamp,Exchange,company_id,buyer_id,venue
        20000,36.667,BHP,3,2014-03-10T10:00:01.123456,ASX,7078,B1,X
        """;

    CollectingSink sink = csv(TRADES, text);

    assertThat(sink.errors).isEmpty();
    Record row = sink.rows.get(0);
    assertThat(row.getField("symbol")).isEqualTo("BHP");
    assertThat(row.getField("company_id")).isEqualTo(7078);
    assertThat(row.getField("exchange")).isEqualTo("ASX");
    assertThat(row.getField("exchange_timestamp"))
        .isEqualTo(LocalDateTime.of(2014, 3, 10, 10, 0, 1, 123_456_000));
    assertThat(row.getField("price")).isEqualTo(new BigDecimal("36.667000"));
    assertThat(row.getField("volume")).isEqualTo(20000L);
    assertThat(row.getField("qualifiers")).isEqualTo(3);
    assertThat(row.getField("venue")).isEqualTo("X");
    assertThat(row.getField("buyer_id")).isEqualTo("B1");
    assertThat(row.getField("ingestion_timestamp")).isEqualTo(Parsing.INGESTED);
    assertThat(row.getField("source_file")).isEqualTo(Parsing.SOURCE);
    assertThat(row.getField("sequence_number")).isEqualTo(1L);
  }

  @Test
  void optionalColumnsMayBeAbsentOrEmpty() {
    String text =
        """
        symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,venue
        BHP,7078,ASX,2014-03-10 10:00:01,36.5,1,0,
        """;

    CollectingSink sink = csv(TRADES, text);

    assertThat(sink.errors).isEmpty();
    assertThat(sink.rows.get(0).getField("venue")).isNull();
    assertThat(sink.rows.get(0).getField("buyer_id")).isNull();
  }

  @Test
  void timestampsTakeTOrSpaceAndNoneToSixFractionalDigits() {
    String text =
        """
        symbol,company_id,exchange,exchange_timestamp,bid_price,bid_volume,ask_price,ask_volume
        BHP,7078,ASX,2014-03-10T10:00:01,1,1,1,1
        BHP,7078,ASX,2014-03-10 10:00:01.5,1,1,1,1
        BHP,7078,ASX,2014-03-10T10:00:01.12,1,1,1,1
        BHP,7078,ASX,2014-03-10 10:00:01.123,1,1,1,1
        BHP,7078,ASX,2014-03-10T10:00:01.1234,1,1,1,1
        BHP,7078,ASX,2014-03-10T10:00:01.12345,1,1,1,1
        BHP,7078,ASX,2014-03-10 23:59:59.999999,1,1,1,1
        BHP,7078,ASX,2016-02-29T00:00:00,1,1,1,1
        """;

    CollectingSink sink = csv(QUOTES, text);

    assertThat(sink.errors).isEmpty();
    assertThat(sink.rows)
        .extracting(r -> r.getField("exchange_timestamp"))
        .containsExactly(
            LocalDateTime.of(2014, 3, 10, 10, 0, 1),
            LocalDateTime.of(2014, 3, 10, 10, 0, 1, 500_000_000),
            LocalDateTime.of(2014, 3, 10, 10, 0, 1, 120_000_000),
            LocalDateTime.of(2014, 3, 10, 10, 0, 1, 123_000_000),
            LocalDateTime.of(2014, 3, 10, 10, 0, 1, 123_400_000),
            LocalDateTime.of(2014, 3, 10, 10, 0, 1, 123_450_000),
            LocalDateTime.of(2014, 3, 10, 23, 59, 59, 999_999_000),
            LocalDateTime.of(2016, 2, 29, 0, 0));
  }

  @Test
  void givenSequenceNumbersAreKeptAndAnEmptyOneIsABadRow() {
    // An empty number used to be committed as NULL, which sorts first and identifies nothing.
    String text =
"""
symbol,company_id,exchange,exchange_timestamp,bid_price,bid_volume,ask_price,ask_volume,sequence_number
BHP,7078,ASX,2014-03-10T10:00:01,1,1,1,1,7
BHP,7078,ASX,2014-03-10T10:00:01,1,1,1,1,
BHP,7078,ASX,2014-03-10T10:00:01,1,1,1,1,42
""";

    CollectingSink sink = csv(QUOTES, text);

    assertThat(sink.errors).containsExactly(new RowError(3, "sequence_number", "", "empty"));
    assertThat(sink.rows).extracting(r -> r.getField("sequence_number")).containsExactly(7L, 42L);
  }

  @Test
  void missingSequenceNumbersCountPerSymbolAndDay() {
    String text =
        """
        symbol,company_id,exchange,exchange_timestamp,bid_price,bid_volume,ask_price,ask_volume
        BHP,7078,ASX,2014-03-10T10:00:01,1,1,1,1
        RIO,7458,ASX,2014-03-10T10:00:01,1,1,1,1
        BHP,7078,ASX,2014-03-10T10:00:01,1,1,1,1
        BHP,7078,ASX,2014-03-11T09:00:00,1,1,1,1
        RIO,7458,ASX,2014-03-10T10:00:02,1,1,1,1
        """;

    CollectingSink sink = csv(QUOTES, text);

    assertThat(sink.rows)
        .extracting(r -> r.getField("symbol"), r -> r.getField("sequence_number"))
        .containsExactly(
            tuple("BHP", 1L),
            tuple("RIO", 1L),
            tuple("BHP", 2L),
            tuple("BHP", 1L),
            tuple("RIO", 2L));
  }

  @Test
  void quotedFieldsMayHoldSeparatorsQuotesAndLineBreaks() {
    String text =
        "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,buyer_id\r\n"
            + "BHP,7078,ASX,2014-03-10T10:00:01,1,1,0,\"a,\"\"b\"\"\r\nc\"\r\n"
            + "BHP,7078,ASX,2014-03-10T10:00:01,\"1,5\",1,0,\r\n";

    CollectingSink sink = csv(TRADES, text);

    assertThat(sink.rows).extracting(r -> r.getField("buyer_id")).containsExactly("a,\"b\"\r\nc");
    assertThat(sink.errors)
        .containsExactly(new RowError(4, "price", "1,5", ParseMessages.NOT_A_NUMBER));
  }

  @Test
  void byteOrderMarkIsNotPartOfTheFirstColumnName() {
    String text =
        "\uFEFFsymbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers\r\n"
            + "BHP,7078,ASX,2014-03-10T10:00:01,1,1,0\r\n";

    CollectingSink sink = csv(TRADES, text);

    assertThat(sink.errors).isEmpty();
    assertThat(sink.rows.get(0).getField("symbol")).isEqualTo("BHP");
  }
}
