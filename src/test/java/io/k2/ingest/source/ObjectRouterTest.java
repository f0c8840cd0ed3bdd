package io.k2.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k2.ingest.TestConfigs;
import io.k2.ingest.config.K2Config.Corrections;
import io.k2.ingest.config.K2Config.Layout;
import io.k2.ingest.domain.MarketTable;
import io.k2.ingest.event.LandedObject;
import io.k2.ingest.parse.FileRejectedException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing: bucket, key safety, size limit and the longest matching prefix. */
class ObjectRouterTest {

  private final ObjectRouter router =
      new ObjectRouter(
          TestConfigs.k2(
              Map.of(
                  "k2.landing.buckets", "landing,second",
                  "k2.landing.max-object-bytes", "100",
                  "k2.routes[4].prefix", "asx/",
                  "k2.routes[4].table", "quotes",
                  "k2.routes[4].layout", "csv")));

  @Test
  void theLongestMatchingPrefixWinsWhateverTheConfiguredOrder() {
    assertThat(router.route(object("landing", "asx/trades/7078.csv", 10L)))
        .isEqualTo(new Route("asx/trades/", MarketTable.TRADES, Layout.ASX));
    assertThat(router.route(object("landing", "asx/quotes/7078.csv", 10L)))
        .isEqualTo(new Route("asx/quotes/", MarketTable.QUOTES, Layout.ASX));
    assertThat(router.route(object("second", "asx/other/x.csv", null)))
        .isEqualTo(new Route("asx/", MarketTable.QUOTES, Layout.CSV));
    assertThat(router.route(object("landing", "trades/a.csv", 100L)).table())
        .isEqualTo(MarketTable.TRADES);
  }

  @Test
  void aCatchAllConfiguredFirstStillLosesToALongerPrefix() {
    ObjectRouter catchAllFirst =
        new ObjectRouter(
            TestConfigs.k2(
                Map.of(
                    "k2.routes[0].prefix", "asx/",
                    "k2.routes[0].table", "quotes",
                    "k2.routes[0].layout", "csv",
                    "k2.routes[4].prefix", "trades/",
                    "k2.routes[4].table", "trades",
                    "k2.routes[4].layout", "csv")));

    assertThat(catchAllFirst.route(object("landing", "asx/trades/7078.csv", 1L)))
        .isEqualTo(new Route("asx/trades/", MarketTable.TRADES, Layout.ASX));
    assertThat(catchAllFirst.route(object("landing", "asx/misc/7078.csv", 1L)))
        .isEqualTo(new Route("asx/", MarketTable.QUOTES, Layout.CSV));
  }

  @Test
  void refusesOtherBucketsUnsafeKeysAndKeysUnderNoRoute() {
    assertThat(router.isLandingBucket("second")).isTrue();
    assertThat(router.isLandingBucket("warehouse")).isFalse();
    assertThatThrownBy(() -> router.route(object("warehouse", "trades/a.csv", 1L)))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("bucket 'warehouse' is not a configured landing bucket");
    assertThatThrownBy(() -> router.route(object("landing", "trades/../a.csv", 1L)))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("object key is not accepted: contains a '..' path segment");
    assertThatThrownBy(() -> router.route(object("landing", "misc/a.csv", 1L)))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage(
            "no route for key 'misc/a.csv': expected one of the prefixes"
                + " [asx/trades/, asx/quotes/, trades/, quotes/, asx/]");
  }

  @Test
  void anObjectOverTheLimitIsRefusedAndOneAtTheLimitIsNot() {
    assertThat(router.maxObjectBytes()).isEqualTo(100);
    assertThat(router.route(object("landing", "quotes/q.csv", 100L)).table())
        .isEqualTo(MarketTable.QUOTES);
    assertThatThrownBy(() -> router.route(object("landing", "quotes/q.csv", 101L)))
        .isInstanceOf(FileRejectedException.class)
        .hasMessage("object is 101 bytes, over the limit of 100 bytes");
  }

  @Test
  void aRouteCarriesItsCorrectionsSettingAndReplacesByDefault() {
    ObjectRouter appending =
        new ObjectRouter(
            TestConfigs.k2(
                Map.of(
                    "k2.routes[4].prefix", "ledger/",
                    "k2.routes[4].table", "trades",
                    "k2.routes[4].layout", "csv",
                    "k2.routes[4].corrections", "append")));

    assertThat(appending.route(object("landing", "ledger/a.csv", 1L)))
        .isEqualTo(new Route("ledger/", MarketTable.TRADES, Layout.CSV, Corrections.APPEND));
    assertThat(appending.route(object("landing", "trades/a.csv", 1L)).corrections())
        .isEqualTo(Corrections.REPLACE);
    assertThat(new Route("x/", MarketTable.QUOTES, Layout.ASX).corrections())
        .isEqualTo(Corrections.REPLACE);
  }

  @Test
  void theBucketIsCheckedFirstThenTheKeyThenTheSize() {
    assertThatThrownBy(() -> router.route(object("warehouse", "/a.csv", 1000L)))
        .hasMessageStartingWith("bucket 'warehouse'");
    assertThatThrownBy(() -> router.route(object("landing", "/a.csv", 1000L)))
        .hasMessage("object key is not accepted: starts with '/'");
    assertThatThrownBy(() -> router.route(object("landing", "misc/a.csv", 1000L)))
        .hasMessage("object is 1000 bytes, over the limit of 100 bytes");
  }

  private static LandedObject object(String bucket, String key, Long size) {
    return new LandedObject(bucket, key, null, null, size);
  }
}
