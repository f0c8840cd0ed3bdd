package io.k2.ingest.commit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * The per-key record of what a table holds, kept beside the table so that exactly-once does not
 * depend on snapshot retention: one small JSON file per key and commit, {@code
 * <ledger>/keys/<keyId>/<sequence number>.json}, written right after the commit, and one empty
 * marker per rows identity, {@code <ledger>/rows/<rowsId>/<keyId>}. Entries are never overwritten:
 * the one with the highest sequence number wins whatever order concurrent writers finish in, so a
 * lookup is one listing of a key's prefix (older entries are pruned) and one read.
 *
 * <p>The ledger lives next to the table's location, not inside it ({@code <namespace
 * location>/_k2_ledger/<table>/<table uuid>/}), so that orphan-file removal, which lists the
 * table's location, never sees it. It needs a FileIO that can list (S3FileIO, HadoopFileIO);
 * without one it is off and the snapshot summaries are the only record.
 */
final class VersionLedger {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private VersionLedger() {}

  static boolean available(Table table) {
    return table.io() instanceof SupportsPrefixOperations;
  }

  /** The latest recorded state of a key, if any. */
  static Optional<KeyState> latest(Table table, String keyId) {
    if (!available(table)) {
      return Optional.empty();
    }
    Optional<String> newest =
        list(table, keysPrefix(table, keyId)).stream().max(Comparator.naturalOrder());
    if (newest.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = table.io().newInputFile(newest.get()).newStream()) {
      return Optional.of(JSON.readValue(in, KeyState.class));
    } catch (org.apache.iceberg.exceptions.NotFoundException e) {
      return Optional.empty(); // pruned by a newer writer between the listing and the read
    } catch (IOException e) {
      throw new UncheckedIOException("reading the ledger of " + table.name(), e);
    }
  }

  /** The keys whose state once held rows {@code rowsId}; each must be checked for still holding. */
  static List<String> keysWithRows(Table table, String rowsId) {
    if (!available(table)) {
      return List.of();
    }
    String prefix = rowsPrefix(table, rowsId);
    return list(table, prefix).stream().map(path -> path.substring(prefix.length())).toList();
  }

  /**
   * Records a key's state after a commit, and its current rows; prunes the key's older entries.
   * Unless {@code replace}, an entry already recorded for the same commit is kept (it may know
   * more: the committer records hashes and S3 versions that summaries do not carry).
   */
  static void record(Table table, KeyState state, boolean replace) {
    if (!available(table)) {
      return;
    }
    FileIO io = table.io();
    String prefix = keysPrefix(table, state.keyId());
    String path = prefix + String.format("%020d", state.sequenceNumber()) + ".json";
    if (!replace && io.newInputFile(path).exists()) {
      return;
    }
    write(io, path, bytes(state));
    for (KeyState.Version version : state.current()) {
      write(io, rowsPrefix(table, version.rowsId()) + state.keyId(), new byte[0]);
    }
    for (String older : list(table, prefix)) {
      if (older.compareTo(path) < 0) {
        io.deleteFile(older);
      }
    }
  }

  private static List<String> list(Table table, String prefix) {
    List<String> paths = new ArrayList<>();
    for (FileInfo file : ((SupportsPrefixOperations) table.io()).listPrefix(prefix)) {
      paths.add(file.location());
    }
    return paths;
  }

  private static void write(FileIO io, String path, byte[] content) {
    try (OutputStream out = io.newOutputFile(path).createOrOverwrite()) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the ledger entry " + path, e);
    }
  }

  private static byte[] bytes(KeyState state) {
    try {
      return JSON.writeValueAsBytes(state);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String keysPrefix(Table table, String keyId) {
    return root(table) + "keys/" + keyId + "/";
  }

  private static String rowsPrefix(Table table, String rowsId) {
    return root(table) + "rows/" + rowsId + "/";
  }

  // <namespace location>/_k2_ledger/<table name>/<table uuid>/: beside the table's location,
  // never inside it; a table dropped and created again at the same location starts a new ledger.
  static String root(Table table) {
    String location = table.location().replaceAll("/+$", "");
    int slash = location.lastIndexOf('/');
    String name = location.substring(slash + 1);
    return location.substring(0, slash) + "/_k2_ledger/" + name + "/" + table.uuid() + "/";
  }
}
