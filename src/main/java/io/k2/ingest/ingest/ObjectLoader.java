package io.k2.ingest.ingest;

import io.k2.ingest.config.K2Config;
import io.k2.ingest.config.K2Config.BadRowPolicy;
import io.k2.ingest.config.K2Config.Layout;
import io.k2.ingest.domain.MarketRow;
import io.k2.ingest.parse.ParseContext;
import io.k2.ingest.parse.ParserFactory;
import io.k2.ingest.parse.RowError;
import io.k2.ingest.parse.RowSink;
import io.k2.ingest.write.ObjectFileWriter;
import io.k2.ingest.write.WrittenFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import org.apache.iceberg.Table;

/**
 * The one path from an object's text to its data files: reads and parses every row, validates it,
 * writes the valid rows as sorted Parquet, and hashes the bytes read. Used by staging and by
 * cold-start priming. It commits nothing; a refused object leaves no files behind.
 */
@ApplicationScoped
public class ObjectLoader {

  /** The content's hash, available once the text has been read to its end. */
  @FunctionalInterface
  interface Digest {
    String finish() throws IOException;
  }

  /**
   * What loading produced: the written files, or (files null) why the object is refused; its bad
   * rows either way.
   */
  record Loaded(WrittenFiles files, BadRows badRows, String sha256, String refusal) {

    boolean refused() {
      return refusal != null;
    }
  }

  private final K2Config.BadRowsConfig policy;
  private final int bufferRows;
  private final ParserFactory parsers;

  @Inject
  public ObjectLoader(K2Config config) {
    this.policy = config.badRows();
    this.bufferRows = config.write().bufferRows();
    this.parsers =
        new ParserFactory(ParserFactory.DEFAULT_MAX_LINE_LENGTH, config.parse().plausibleDates());
  }

  /**
   * Loads one object's text into files of {@code table} named after {@code fileId}.
   *
   * @throws IOException when the read broke off (transient); bad content is refused instead
   */
  Loaded load(
      Table table, Layout layout, ParseContext context, Reader text, Digest digest, String fileId)
      throws IOException {
    BadRows badRows = new BadRows(policy.reportLimit());
    ObjectFileWriter writer = new ObjectFileWriter(table, fileId, bufferRows);
    Loaded loaded;
    try {
      loaded = loadInto(writer, badRows, layout, context, text, digest);
    } catch (IOException | RuntimeException | Error e) {
      writer.abortAfter(e);
      throw e;
    }
    if (loaded.refused()) {
      writer.abort();
    }
    return loaded;
  }

  private Loaded loadInto(
      ObjectFileWriter writer,
      BadRows badRows,
      Layout layout,
      ParseContext context,
      Reader text,
      Digest digest)
      throws IOException {
    parsers.create(layout, context).parse(text, sink(writer, badRows));
    String sha256 = digest.finish();
    if (refuses(badRows)) {
      return new Loaded(null, badRows, sha256, badRows.summary(context.sourceFile()));
    }
    WrittenFiles files = writer.finish();
    if (files.rows() == 0) {
      return new Loaded(null, badRows, sha256, "no valid rows");
    }
    return new Loaded(files, badRows, sha256, null);
  }

  private RowSink sink(ObjectFileWriter writer, BadRows badRows) {
    boolean stopAtFirst = policy.policy() == BadRowPolicy.REJECT_FILE;
    return new RowSink() {
      @Override
      public void accept(MarketRow row) {
        // Once the file is certain to be refused, its rows are only checked, not written.
        if (!(stopAtFirst && badRows.total() > 0)) {
          writer.write(row);
        }
      }

      @Override
      public void reject(RowError error) {
        badRows.add(error);
      }
    };
  }

  private boolean refuses(BadRows badRows) {
    return switch (policy.policy()) {
      case REJECT_FILE -> badRows.total() > 0;
      case SKIP -> badRows.total() > policy.maxSkipped();
    };
  }
}
