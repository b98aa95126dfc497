package io.sophra.registry.grid;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import io.sophra.registry.model.ModelConfig;

/**
 * How a model held by the smaller side of a healed network split merges into the larger side, run by
 * Hazelcast at the owner of each model the smaller side holds ({@code merging}), beside the larger
 * side's copy ({@code existing}, null when it has none).
 *
 * <p>Design note: the rules, and what each side can know.
 * <ul>
 *   <li>The same incarnation ({@code uid}) on both sides: the higher {@code revision} wins, since
 *       revisions of one incarnation only grow; a tie keeps the larger side's copy. With split-brain
 *       protection only the majority acknowledges writes, so the smaller side's copy is never newer
 *       than an acknowledged write; it wins only with a change no caller saw succeed (a write that
 *       answered 503 but landed before the split was noticed).</li>
 *   <li>Different incarnations (deleted and registered again on one side, or registered on both):
 *       the larger side's wins.</li>
 *   <li>Only the smaller side has the model. It was deleted on the larger side, or the larger side
 *       never held a copy (a split with no majority, or protection off). A deletion leaves no entry,
 *       so nothing here can tell the two apart: the model is kept, and {@link AfterMerge} then
 *       removes it if the larger side's audit log holds the deletion of that incarnation. So a
 *       deletion beats any change of the same incarnation made on the other side.</li>
 * </ul>
 * Hazelcast sends the policy along with the entries it merges; it has no state, and travels as an
 * {@link IdentifiedDataSerializable} of {@link GridSerialization}, never by Java serialization.
 */
public final class RevisionMergePolicy
    implements SplitBrainMergePolicy<ModelConfig, MergingValue<ModelConfig>, Object>, IdentifiedDataSerializable {

  /** Hazelcast creates the policy by its class name, with this constructor. */
  public RevisionMergePolicy() {
  }

  @Override
  public Object merge(MergingValue<ModelConfig> merging, MergingValue<ModelConfig> existing) {
    if (existing == null) {
      return merging.getRawValue();
    }
    return mergingWins(merging.getValue(), existing.getValue()) ? merging.getRawValue() : existing.getRawValue();
  }

  /** Whether the smaller side's copy replaces the larger side's: same incarnation, higher revision. */
  static boolean mergingWins(ModelConfig merging, ModelConfig existing) {
    return merging.uid().equals(existing.uid()) && merging.revision() > existing.revision();
  }

  @Override
  public void writeData(ObjectDataOutput out) {
    // no state
  }

  @Override
  public void readData(ObjectDataInput in) {
    // no state
  }

  @Override
  public int getFactoryId() {
    return GridSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridSerialization.MERGE_POLICY;
  }
}
