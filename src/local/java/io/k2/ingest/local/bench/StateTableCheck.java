package io.k2.ingest.local.bench;

import io.k2.ingest.local.EmbeddedS3;
import io.k2.ingest.local.LocalAwsEnvironment;
import io.k2.ingest.local.LocalFunctionConfiguration;
import java.nio.file.Path;
import java.util.List;

/**
 * The peers' TableCheck on the trades and quotes tables a finished benchmark run left in its state
 * folder: starts the S3 server on that folder again and checks each table. Arguments: STATE_DIR
 * PEERS_DIR.
 */
public final class StateTableCheck {

  private StateTableCheck() {}

  public static void main(String[] args) {
    Path state = Path.of(args[0]).toAbsolutePath();
    Path peers = Path.of(args[1]).toAbsolutePath();
    LocalAwsEnvironment.useDummyCredentials();
    try (EmbeddedS3 s3 = EmbeddedS3.onDisk(state.resolve("s3"))) {
      Path warehouse = state.resolve("s3").resolve(LocalFunctionConfiguration.WAREHOUSE_BUCKET);
      for (String table : List.of("trades", "quotes")) {
        System.out.println("\nTableCheck on " + table + ":\n\n```");
        try {
          PeerTableCheck.run(
              peers,
              warehouse.resolve("market_data").resolve(table),
              s3.endpoint(),
              state.resolve("tablecheck-" + table + ".txt"),
              System.out);
        } catch (IllegalStateException e) {
          System.out.println(e.getMessage());
        }
        System.out.println("```");
      }
    }
    System.exit(0);
  }
}
