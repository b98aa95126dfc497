package io.sophra.registry.grid;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.model.ModelConfig;
import java.io.IOException;
import java.util.Map;

/**
 * Inserts a model at its key's owner only if the key is absent. Deterministic, so backups replay it.
 * No longer sent: this version registers with a put-if-absent ({@link GridModelRegistry}); kept
 * registered so that a member of this version runs the registrations members of the previous version
 * send during a rolling restart.
 */
final class RegisterProcessor implements EntryProcessor<String, ModelConfig, WriteOutcome>, IdentifiedDataSerializable {

  private ModelConfig model;

  RegisterProcessor() {
  }

  RegisterProcessor(ModelConfig model) {
    this.model = model;
  }

  @Override
  public WriteOutcome process(Map.Entry<String, ModelConfig> entry) {
    ModelConfig current = entry.getValue();
    if (current != null) {
      return WriteOutcome.failed(RegistryException.Kind.ALREADY_EXISTS, current);
    }
    entry.setValue(model);
    return WriteOutcome.done(null, model);
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeObject(model);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    model = in.readObject();
  }

  @Override
  public int getFactoryId() {
    return GridSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridSerialization.REGISTER;
  }
}
