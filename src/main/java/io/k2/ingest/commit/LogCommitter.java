package io.k2.ingest.commit;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;

/**
 * Appends the load history's rows of one invocation. Unlike the data tables it has no exactly-once
 * check: every attempt is a row of its own, so a retried invocation adds its rows too.
 */
@ApplicationScoped
public class LogCommitter {

  public static final String INVOCATION_ID = "k2.invocation-id";

  public long append(Table table, DataFile file, String invocationId) {
    table.newFastAppend().appendFile(file).set(INVOCATION_ID, invocationId).commit();
    return table.currentSnapshot().snapshotId();
  }
}
