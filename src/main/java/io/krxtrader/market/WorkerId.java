package io.krxtrader.market;

/**
 * Who runs a job: {@code name} goes into {@code sync_jobs.worker_id}, {@code node} is the node
 * number of its process ({@link SyncNode}), whose liveness lock vouches for every job it runs.
 */
public record WorkerId(String name, int node) {

  public WorkerId {
    if (name == null || name.isBlank() || node <= 0) {
      throw new IllegalArgumentException(
          "a worker needs a name and a node number [name=" + name + ", node=" + node + "]");
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
