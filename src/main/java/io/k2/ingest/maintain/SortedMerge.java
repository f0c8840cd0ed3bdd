package io.k2.ingest.maintain;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * A streaming k-way merge of already-sorted inputs: one row per input is held at a time (plus what
 * each input's reader buffers), so memory does not grow with the rows merged. Ties keep the order
 * of the inputs, so the merge is stable.
 */
final class SortedMerge implements Iterator<Record>, Closeable {

  private record Head(Record row, int input, Iterator<Record> rest) {}

  private final List<CloseableIterable<Record>> inputs;
  private final PriorityQueue<Head> heads;

  SortedMerge(List<CloseableIterable<Record>> inputs, Comparator<Record> order) {
    this.inputs = List.copyOf(inputs);
    Comparator<Head> byRow = Comparator.comparing(Head::row, order);
    this.heads =
        new PriorityQueue<>(Math.max(1, inputs.size()), byRow.thenComparingInt(Head::input));
    try {
      for (int i = 0; i < this.inputs.size(); i++) {
        Iterator<Record> rows = this.inputs.get(i).iterator();
        if (rows.hasNext()) {
          heads.add(new Head(rows.next(), i, rows));
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public boolean hasNext() {
    return !heads.isEmpty();
  }

  @Override
  public Record next() {
    Head head = heads.poll();
    if (head == null) {
      throw new NoSuchElementException();
    }
    if (head.rest().hasNext()) {
      heads.add(new Head(head.rest().next(), head.input(), head.rest()));
    }
    return head.row();
  }

  @Override
  public void close() {
    List<IOException> failures = new ArrayList<>();
    for (CloseableIterable<Record> input : inputs) {
      try {
        input.close();
      } catch (IOException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      throw new UncheckedIOException("Closing the merge's inputs failed", failures.get(0));
    }
  }
}
