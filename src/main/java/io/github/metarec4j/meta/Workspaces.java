package io.github.metarec4j.meta;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J workspaces for the training loop: every temporary array of a meta-step (adapted
 * copies, their gradients, activations, batches) is carved out of memory reused step after
 * step. Without them each step allocates megabytes of fresh off-heap memory, and large
 * allocations cost page faults: a new {@code [32, 10500]} float array measured 1 to 3 ms to
 * allocate on the development machine, several of them per meta-step.
 *
 * <p>Arrays created inside a scope must not be used after it closes; results leave as Java
 * values or are written into arrays allocated outside (parameters, gradient, optimiser state).
 * Workspaces are per thread.
 */
final class Workspaces {

    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.3)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private Workspaces() {
    }

    /** Opens (or re-enters) this thread's workspace called {@code name}; close it to reset it. */
    static MemoryWorkspace open(String name) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, name);
    }
}
