package io.k2.ingest.write;

import java.util.List;
import org.apache.iceberg.DataFile;

/** What a writer produced for one landed object: its data files and their totals. */
public record WrittenFiles(List<DataFile> dataFiles, long rows, long bytes) {

  public WrittenFiles {
    dataFiles = List.copyOf(dataFiles);
  }
}
