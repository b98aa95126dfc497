package io.sophra.registry.grid;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.ringbuffer.OverflowPolicy;
import io.sophra.registry.config.RegistryConfig;

/**
 * The one place the change log's grid structure is configured (README "Change feed"): the Ringbuffer
 * {@value GridChangeLog#RING_NAME} with synchronous backups like the models (backup-count as
 * configured, no asynchronous ones), capacity = {@code MODEL_REGISTRY_FEED_RETENTION}, entries kept in
 * serialized (binary) form and never expiring by age; an append over a full ring overwrites the
 * oldest entry ({@link OverflowPolicy#OVERWRITE}, passed by {@link GridChangeLog} with every append).
 * It changes the ring's configuration in place rather than replacing it, so what other parts of the
 * configuration set on the ring (a split-brain protection name, whichever runs first) stays.
 */
final class ChangeLogGridConfig {

  private ChangeLogGridConfig() {
  }

  static void configure(Config config, RegistryConfig settings) {
    configure(config.getRingbufferConfig(GridChangeLog.RING_NAME), settings);
  }

  static RingbufferConfig configure(RingbufferConfig ring, RegistryConfig settings) {
    return ring
        .setCapacity(settings.feed().retention())
        .setBackupCount(settings.cluster().backupCount())
        .setAsyncBackupCount(0)
        .setTimeToLiveSeconds(0)
        .setInMemoryFormat(InMemoryFormat.BINARY);
  }
}
