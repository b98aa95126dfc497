package io.sophra.registry.bench.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * How a benchmark picks the ids it looks up. Keys are drawn once, before measuring, into an array
 * that the benchmark walks with a cursor (as caffeine's GetPutBenchmark does), so drawing costs
 * nothing inside the measured call.
 */
public enum KeyDistribution {

  /** Every id equally likely: the worst case for CPU caches. */
  UNIFORM {
    @Override
    int[] ranks(int count, int size, SplittableRandom random) {
      int[] ranks = new int[size];
      for (int i = 0; i < size; i++) {
        ranks[i] = random.nextInt(count);
      }
      return ranks;
    }
  },

  /**
   * Zipf with exponent 0.99 (YCSB's default): a few ids take most lookups, as on a search service's
   * hot path. Ranks are scattered over the ids by a seeded shuffle, so the hot ids are not neighbours
   * and do not share a partition.
   */
  ZIPF {
    @Override
    int[] ranks(int count, int size, SplittableRandom random) {
      double[] cumulative = new double[count];
      double sum = 0;
      for (int rank = 0; rank < count; rank++) {
        sum += 1.0 / Math.pow(rank + 1, EXPONENT);
        cumulative[rank] = sum;
      }
      int[] ranks = new int[size];
      for (int i = 0; i < size; i++) {
        int found = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
        ranks[i] = Math.min(found >= 0 ? found : -found - 1, count - 1);
      }
      return ranks;
    }
  };

  /** The number of pre-drawn keys, a power of two so the cursor wraps with a mask. */
  public static final int SIZE = 1 << 20;
  public static final int MASK = SIZE - 1;
  private static final double EXPONENT = 0.99;
  private static final long SEED = 0x5EED_1DL;

  abstract int[] ranks(int count, int size, SplittableRandom random);

  /** {@link #SIZE} keys drawn from {@code ids} (fixed seed: every run and every subject sees the same). */
  public String[] draw(List<String> ids) {
    SplittableRandom random = new SplittableRandom(SEED);
    List<String> scattered = new ArrayList<>(ids);
    Collections.shuffle(scattered, new Random(SEED));
    String[] keys = new String[SIZE];
    int[] ranks = ranks(scattered.size(), SIZE, random);
    for (int i = 0; i < SIZE; i++) {
      keys[i] = scattered.get(ranks[i]);
    }
    return keys;
  }
}
