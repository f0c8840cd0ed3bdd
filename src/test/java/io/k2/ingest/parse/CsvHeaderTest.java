package io.k2.ingest.parse;

import static io.k2.ingest.domain.MarketTable.QUOTES;
import static io.k2.ingest.domain.MarketTable.TRADES;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.domain.MarketTable;
import org.junit.jupiter.api.Test;

class CsvHeaderTest {

  private static final String ROW = "\nBHP,7078,ASX,2014-03-10T10:00:01,1,1,0\n";

  @Test
  void missingRequiredColumnsAreNamed() {
    assertRejected(
        TRADES,
        "symbol,exchange,exchange_timestamp,price,venue",
        "missing required columns: [company_id, volume, qualifiers]");
  }

  @Test
  void unknownColumnsAreNamedWithTheKnownOnes() {
    assertRejected(
        QUOTES,
        "symbol,company_id,exchange,exchange_timestamp,bid_price,bid_volume,ask_price,ask_volume,Bid"
            + " Size,mid",
        "unknown columns: [bid size, mid] (known columns: [symbol, company_id, exchange,"
            + " exchange_timestamp, bid_price, bid_volume, ask_price, ask_volume,"
            + " sequence_number])");
  }

  @Test
  void duplicatedColumnsAreNamedWhateverTheirCase() {
    assertRejected(
        TRADES,
        "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,PRICE",
        "duplicated columns: [price]");
  }

  @Test
  void columnsTheFunctionSetsAreRefused() {
    assertRejected(
        TRADES,
        "symbol,company_id,exchange,exchange_timestamp,price,volume,qualifiers,Ingestion_Timestamp,source_file",
        "columns set by the ingest function must not be in the file:"
            + " [ingestion_timestamp, source_file]");
  }

  @Test
  void everyProblemIsNamedAtOnce() {
    assertRejected(
        TRADES,
        "symbol,symbol,source_file,colour,exchange_timestamp,price,volume,qualifiers",
        "columns set by the ingest function must not be in the file: [source_file]; duplicated"
            + " columns: [symbol]; unknown columns: [colour] (known columns: [symbol, company_id,"
            + " exchange, exchange_timestamp, price, volume, qualifiers, venue, buyer_id,"
            + " sequence_number]); missing required columns: [company_id, exchange]");
  }

  @Test
  void emptyColumnNameIsRefused() {
    assertRejected(
        TRADES,
        "symbol,company_id,exchange,,exchange_timestamp,price,volume,qualifiers",
        "empty column name in header at line 1, position 4");
  }

  private static void assertRejected(MarketTable table, String header, String message) {
    assertThatThrownBy(() -> Parsing.csv(table, header + ROW))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage(message.startsWith("empty") ? message : "header at line 1: " + message);
  }
}
