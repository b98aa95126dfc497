package io.sophra.registry.bench.report;

/** Heap bytes per stored model at one model count (heap.json), beside the size of one model as JSON. */
public record HeapFigure(int models, long heapBytesPerModel, long jsonBytesPerModel) {

  public double ratio() {
    return (double) heapBytesPerModel / jsonBytesPerModel;
  }
}
