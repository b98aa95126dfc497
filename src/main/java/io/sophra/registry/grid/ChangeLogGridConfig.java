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
 * Anything that must apply to the change log as a whole (a split-brain protection, a merge policy)
 * belongs here.
 */
final class ChangeLogGridConfig {

  private ChangeLogGridConfig() {
  }

  static void configure(Config config, RegistryConfig settings) {
    config.addRingBufferConfig(ringbuffer(settings));
  }

  static RingbufferConfig ringbuffer(RegistryConfig settings) {
    return new RingbufferConfig(GridChangeLog.RING_NAME)
        .setCapacity(settings.feed().retention())
        .setBackupCount(settings.cluster().backupCount())
        .setAsyncBackupCount(0)
        .setTimeToLiveSeconds(0)
        .setInMemoryFormat(InMemoryFormat.BINARY);
  }
}
