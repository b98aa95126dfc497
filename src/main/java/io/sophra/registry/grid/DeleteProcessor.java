package io.sophra.registry.grid;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.model.Etags;
import io.sophra.registry.model.ModelConfig;
import java.io.IOException;
import java.util.Map;

/** Removes a model at its key's owner if the expected ETag (when given) names its current revision. */
final class DeleteProcessor implements EntryProcessor<String, ModelConfig, WriteOutcome>, IdentifiedDataSerializable {

  private String ifMatch;

  DeleteProcessor() {
  }

  DeleteProcessor(String ifMatch) {
    this.ifMatch = ifMatch;
  }

  @Override
  public WriteOutcome process(Map.Entry<String, ModelConfig> entry) {
    ModelConfig current = entry.getValue();
    if (current == null) {
      return WriteOutcome.failed(RegistryException.Kind.NOT_FOUND, null);
    }
    if (ifMatch != null && !Etags.matches(ifMatch, current.etag())) {
      return WriteOutcome.failed(RegistryException.Kind.REVISION_MISMATCH, current);
    }
    entry.setValue(null);
    return WriteOutcome.done(current, null);
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(ifMatch);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    ifMatch = in.readString();
  }

  @Override
  public int getFactoryId() {
    return GridSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridSerialization.DELETE;
  }
}
