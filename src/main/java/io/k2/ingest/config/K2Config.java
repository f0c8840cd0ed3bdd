package io.k2.ingest.config;

import io.k2.ingest.domain.MarketTable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All of K2 Ingest's settings, validated when the function starts. Property names use {@code -}
 * inside a concept and {@code .} for hierarchy; every one can be set as an environment variable
 * ({@code k2.catalog.type} is {@code K2_CATALOG_TYPE}).
 */
@ConfigMapping(prefix = "k2")
public interface K2Config {

  CatalogConfig catalog();

  TablesConfig tables();

  LandingConfig landing();

  /** Which table and layout an object is read as, by the longest matching key prefix. */
  List<RouteConfig> routes();

  BadRowsConfig badRows();

  WriteConfig write();

  DuplicatesConfig duplicates();

  ParseConfig parse();

  MaintenanceConfig maintenance();

  /** The Iceberg catalog. REST, Glue and JDBC differ only in these settings. */
  interface CatalogConfig {
    /** The catalog's name, as Iceberg reports it. */
    @WithDefault("k2")
    String name();

    /** {@code rest}, {@code glue} or {@code jdbc}. */
    String type();

    /** The REST endpoint or JDBC URL; unused by Glue. */
    Optional<String> uri();

    /** Where table data goes, e.g. {@code s3://warehouse/}. */
    String warehouse();

    /** An S3-compatible endpoint for the warehouse (LocalStack, MinIO); empty for AWS. */
    Optional<String> s3Endpoint();

    @WithDefault("false")
    boolean s3PathStyleAccess();

    /** The region used by S3FileIO and Glue; empty means the SDK's default region chain. */
    Optional<String> region();

    /** Passed through unchanged to Iceberg's catalog loader; wins over the settings above. */
    Map<String, String> properties();
  }

  interface TablesConfig {
    @WithDefault("market_data")
    String namespace();

    @WithDefault("trades")
    String trades();

    @WithDefault("quotes")
    String quotes();

    @WithDefault("ingest_log")
    String ingestLog();

    /** Table properties laid over the definition's defaults, e.g. a different target file size. */
    Map<String, String> properties();

    default String name(MarketTable table) {
      return switch (table) {
        case TRADES -> trades();
        case QUOTES -> quotes();
        case INGEST_LOG -> ingestLog();
      };
    }
  }

  interface LandingConfig {
    /** Buckets whose events are accepted; events naming any other bucket are refused. */
    List<String> buckets();

    /** The ASX reference data (company id to symbol), in the first landing bucket. */
    @WithDefault("asx/reference-data/company_info.csv")
    String referenceDataKey();

    /** Rejection reports go to {@code <prefix><key>.errors.jsonl} in the object's bucket. */
    @WithDefault("_rejected/")
    String rejectedPrefix();

    /** Objects larger than this are refused before a byte is read. */
    @WithDefault("5368709120")
    long maxObjectBytes();
  }

  interface RouteConfig {
    String prefix();

    MarketTable table();

    Layout layout();

    /** What a new version of an already committed key does: replace, append or ignore. */
    @WithDefault("replace")
    Corrections corrections();
  }

  /** What a new version of a key whose rows are committed does to them. */
  enum Corrections {
    /** The new version's rows replace the key's rows, in one atomic commit. */
    REPLACE,
    /** The new version's rows are added beside the earlier ones. */
    APPEND,
    /** The new version is not loaded; the first committed version stays. */
    IGNORE
  }

  /** How a file's rows are laid out. */
  enum Layout {
    /** CSV with a header row naming the columns. */
    CSV,
    /** The vendor's headerless ASX layout; the file name stem is the company id. */
    ASX
  }

  interface BadRowsConfig {
    /** {@code reject-file}: one bad row rejects the file; {@code skip}: commit the good rows. */
    @WithDefault("reject-file")
    BadRowPolicy policy();

    /** Under {@code skip}, more bad rows than this still reject the file. */
    @WithDefault("1000")
    long maxSkipped();

    /** How many errors the rejection report lists (the total is always counted). */
    @WithDefault("1000")
    int reportLimit();
  }

  enum BadRowPolicy {
    REJECT_FILE,
    SKIP
  }

  interface WriteConfig {
    /** Rows held in memory before they are sorted and written out; bounds the heap per file. */
    @WithDefault("1000000")
    int bufferRows();

    /**
     * Objects of one invocation staged at the same time; 0 means one per available processor.
     * Memory grows with it: each holds up to {@code buffer-rows} rows.
     */
    @WithDefault("0")
    int parallelism();
  }

  interface DuplicatesConfig {
    /**
     * Whether the same rows landed under another key are skipped as a duplicate: the same bytes for
     * the same table and layout, and for the ASX layout the same company.
     */
    @WithDefault("true")
    boolean skipSameContent();

    /**
     * How far back snapshot summaries are searched for commits whose ledger entry may not be
     * written yet; older commits are found in the ledger. Keep snapshots at least this long.
     */
    @WithDefault("PT24H")
    java.time.Duration snapshotWindow();
  }

  interface ParseConfig {
    /**
     * The exchange dates a row may carry, {@code earliest/latest} as ISO dates, both included; a
     * row dated outside is a bad row (a typo such as 01/01/0001 is caught, not committed).
     */
    @WithDefault("1980-01-01/2100-01-01")
    @WithConverter(DateWindow.Converter.class)
    DateWindow plausibleDates();
  }

  /** A window of days, both ends included; written {@code 1980-01-01/2100-01-01}. */
  record DateWindow(LocalDate earliest, LocalDate latest) {

    public static final DateWindow DEFAULT =
        new DateWindow(LocalDate.of(1980, 1, 1), LocalDate.of(2100, 1, 1));

    public DateWindow {
      if (earliest.isAfter(latest)) {
        throw new IllegalArgumentException(
            "the window's start " + earliest + " is after its end " + latest);
      }
    }

    /** Reads the setting, so that a wrong one fails at start with the reason. */
    public static final class Converter
        implements org.eclipse.microprofile.config.spi.Converter<DateWindow> {
      @Override
      public DateWindow convert(String value) {
        return valueOf(value);
      }
    }

    /** Reads {@code earliest/latest}. */
    public static DateWindow valueOf(String text) {
      String[] ends = text.strip().split("/", -1);
      if (ends.length != 2) {
        throw new IllegalArgumentException(
            "expected two ISO dates as earliest/latest, e.g. 1980-01-01/2100-01-01: " + text);
      }
      try {
        return new DateWindow(LocalDate.parse(ends[0].strip()), LocalDate.parse(ends[1].strip()));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not an ISO date (YYYY-MM-DD): " + e.getParsedString());
      }
    }

    public boolean contains(LocalDate day) {
      return !day.isBefore(earliest) && !day.isAfter(latest);
    }

    @Override
    public String toString() {
      return earliest + "/" + latest;
    }
  }

  /** The maintenance function: compaction, snapshot expiry, orphan removal, manifest rewrite. */
  interface MaintenanceConfig {
    /** A day partition written to more recently than this is left alone: it may still load. */
    @WithDefault("PT2H")
    Duration minPartitionAge();

    /** A data file smaller than this share of the table's target file size counts as small. */
    @WithDefault("0.75")
    double smallFileRatio();

    /** A partition is compacted once it holds at least this many small files. */
    @WithDefault("2")
    int minInputFiles();

    /** Input bytes merged at once: bounds a merge's memory whatever the partition's size. */
    @WithDefault("536870912")
    long maxMergeBytes();

    /** Snapshots older than this are expired, {@code min-snapshots} newest excepted. */
    @WithDefault("P5D")
    Duration snapshotMaxAge();

    @WithDefault("10")
    int minSnapshots();

    /** Unreferenced files younger than this are kept: an ingest may be about to commit them. */
    @WithDefault("P5D")
    Duration orphanMinAge();

    /** Small manifests are rewritten once the current snapshot has at least this many. */
    @WithDefault("20")
    int manifestRewriteMinCount();
  }
}
