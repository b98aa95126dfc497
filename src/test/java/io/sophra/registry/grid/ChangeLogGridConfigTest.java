package io.sophra.registry.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.RingbufferConfig;
import io.sophra.registry.config.ConfigLoader;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.support.Ports;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The change log's grid configuration")
class ChangeLogGridConfigTest {

  @Test
  @DisplayName("The ring holds the retention with the cluster's synchronous backups, and keeps what others set on it (a split-brain protection)")
  void ring() {
    RegistryConfig settings = ConfigLoader.load(Map.of("MODEL_REGISTRY_FEED_RETENTION", "1234",
        "MODEL_REGISTRY_BACKUP_COUNT", "2", "MODEL_REGISTRY_CLUSTER_PORT", String.valueOf(Ports.free())), Map.of());
    Config config = new Config();
    config.getRingbufferConfig(GridChangeLog.RING_NAME).setSplitBrainProtectionName("registry-majority");

    ChangeLogGridConfig.configure(config, settings);

    RingbufferConfig ring = config.getRingbufferConfig(GridChangeLog.RING_NAME);
    assertThat(ring.getCapacity()).isEqualTo(1234);
    assertThat(ring.getBackupCount()).isEqualTo(2);
    assertThat(ring.getAsyncBackupCount()).isZero();
    assertThat(ring.getTimeToLiveSeconds()).isZero();
    assertThat(ring.getInMemoryFormat()).isEqualTo(InMemoryFormat.BINARY);
    assertThat(ring.getSplitBrainProtectionName()).isEqualTo("registry-majority");
    assertThat(GridConfig.build(settings).getRingbufferConfig(GridChangeLog.RING_NAME).getCapacity()).isEqualTo(1234);
  }
}
