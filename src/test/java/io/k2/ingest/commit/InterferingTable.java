package io.k2.ingest.commit;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.LocationProvider;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * A real catalog table seen through operations a test interferes with, the way the world does: a
 * concurrent writer that commits just before this client's commit reaches the catalog, a connection
 * that breaks after the catalog accepted a commit, storage that refuses some paths. Everything else
 * goes to the real catalog and storage.
 */
final class InterferingTable {

  private final AtomicInteger commits = new AtomicInteger();
  private final Table table;
  private volatile IntConsumer beforeCommit = n -> {};
  private volatile RuntimeException afterCommit;
  private volatile Predicate<String> refusedWrites = path -> false;
  private volatile Predicate<String> refusedListings = path -> false;

  InterferingTable(Table real) {
    TableOperations ops = ((HasTableOperations) real).operations();
    this.table =
        new BaseTable(new Ops(ops, new Io((SupportsPrefixOperations) ops.io())), real.name());
  }

  Table table() {
    return table;
  }

  /**
   * Runs {@code action} with the number of the commit (1, 2, ...) before it reaches the catalog.
   */
  InterferingTable beforeCommit(IntConsumer action) {
    this.beforeCommit = action;
    return this;
  }

  /** Throws {@code failure} once the catalog has accepted the next commit. */
  InterferingTable afterCommitThrow(RuntimeException failure) {
    this.afterCommit = failure;
    return this;
  }

  /** Storage refuses to write objects whose path matches. */
  InterferingTable refuseWrites(Predicate<String> paths) {
    this.refusedWrites = paths;
    return this;
  }

  /** Storage refuses to list prefixes that match. */
  InterferingTable refuseListings(Predicate<String> prefixes) {
    this.refusedListings = prefixes;
    return this;
  }

  /** How many commits reached the catalog through this table. */
  int commits() {
    return commits.get();
  }

  private static UncheckedIOException refused(String path) {
    return new UncheckedIOException(new java.io.IOException("storage refused " + path));
  }

  private final class Ops implements TableOperations {
    private final TableOperations real;
    private final FileIO io;

    Ops(TableOperations real, FileIO io) {
      this.real = real;
      this.io = io;
    }

    @Override
    public TableMetadata current() {
      return real.current();
    }

    @Override
    public TableMetadata refresh() {
      return real.refresh();
    }

    @Override
    public void commit(TableMetadata base, TableMetadata metadata) {
      beforeCommit.accept(commits.incrementAndGet());
      real.commit(base, metadata);
      RuntimeException failure = afterCommit;
      if (failure != null) {
        afterCommit = null;
        throw failure;
      }
    }

    @Override
    public FileIO io() {
      return io;
    }

    @Override
    public EncryptionManager encryption() {
      return real.encryption();
    }

    @Override
    public String metadataFileLocation(String fileName) {
      return real.metadataFileLocation(fileName);
    }

    @Override
    public LocationProvider locationProvider() {
      return real.locationProvider();
    }

    @Override
    public long newSnapshotId() {
      return real.newSnapshotId();
    }
  }

  private final class Io implements SupportsPrefixOperations {
    private final SupportsPrefixOperations real;

    Io(SupportsPrefixOperations real) {
      this.real = real;
    }

    @Override
    public InputFile newInputFile(String path) {
      return real.newInputFile(path);
    }

    @Override
    public InputFile newInputFile(String path, long length) {
      return real.newInputFile(path, length);
    }

    @Override
    public OutputFile newOutputFile(String path) {
      if (refusedWrites.test(path)) {
        throw refused(path);
      }
      return real.newOutputFile(path);
    }

    @Override
    public void deleteFile(String path) {
      real.deleteFile(path);
    }

    @Override
    public Iterable<FileInfo> listPrefix(String prefix) {
      if (refusedListings.test(prefix)) {
        throw refused(prefix);
      }
      return real.listPrefix(prefix);
    }

    @Override
    public void deletePrefix(String prefix) {
      real.deletePrefix(prefix);
    }

    @Override
    public Map<String, String> properties() {
      return real.properties();
    }
  }
}
