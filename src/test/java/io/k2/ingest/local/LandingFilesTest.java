package io.k2.ingest.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.local.LandingFiles.LandedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandingFilesTest {

  @TempDir Path root;

  @Test
  void landsDataFilesOnlyReferenceDataFirstThenByKey() throws IOException {
    touch(
        "trades/7078.csv",
        "quotes/7078.csv.gz",
        "trades/notes.txt",
        "trades/old.TXT.GZ",
        "reference-data/company_info.csv",
        "README.md",
        ".hidden.csv",
        ".git/config.csv",
        "trades/data.json",
        "trades/7078.csv.bak");

    List<String> keys = LandingFiles.discover(root, "asx/").stream().map(LandedFile::key).toList();

    assertThat(keys)
        .containsExactly(
            "asx/reference-data/company_info.csv",
            "asx/quotes/7078.csv.gz",
            "asx/trades/7078.csv",
            "asx/trades/notes.txt",
            "asx/trades/old.TXT.GZ");
  }

  @Test
  void keysAreRelativePathsWithTheirPrefix() throws IOException {
    touch("trades/a b.csv");

    assertThat(LandingFiles.discover(root, "").get(0).key()).isEqualTo("trades/a b.csv");
    assertThat(LandingFiles.discover(root, "asx").get(0).key()).isEqualTo("asx/trades/a b.csv");
    assertThat(LandingFiles.discover(root, "in/asx/").get(0).key())
        .isEqualTo("in/asx/trades/a b.csv");
  }

  @Test
  void carriesTheFileAndItsSize() throws IOException {
    Files.createDirectories(root.resolve("t"));
    Files.writeString(root.resolve("t/x.csv"), "12345");

    LandedFile file = LandingFiles.discover(root, "").get(0);

    assertThat(file.size()).isEqualTo(5);
    assertThat(file.file()).isEqualTo(root.resolve("t/x.csv"));
    assertThat(file.isReferenceData()).isFalse();
  }

  @Test
  void refusesAMissingFolder() {
    assertThatThrownBy(() -> LandingFiles.discover(root.resolve("nope"), ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not a folder")
        .hasMessageContaining("nope");
  }

  private void touch(String... paths) throws IOException {
    for (String path : paths) {
      Path file = root.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "x");
    }
  }
}
