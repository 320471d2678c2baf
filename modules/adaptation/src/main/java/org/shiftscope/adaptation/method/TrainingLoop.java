package org.shiftscope.adaptation.method;

/** How the built-in classifier is trained: plainly, or by a loop with its own loss. */
public sealed interface TrainingLoop {

    /** Softmax cross-entropy on the training rows (the usual classifier). */
    record Plain() implements TrainingLoop {
    }

    /**
     * DANN's domain-adversarial loop: a gradient-reversed domain head on the embedding learns the side of a row.
     *
     * @param reversal the reversal's final weight (1 in the paper)
     */
    record DomainAdversarial(double reversal) implements TrainingLoop {
    }

    /**
     * GroupDRO's loop: the groups' losses weighted online, the worst group's weight growing.
     *
     * @param groupOf the group of each training row, 0..weights.length-1
     * @param weights the group weights, updated in place (start them uniform); after training, the final ones
     */
    record GroupRobust(int[] groupOf, double[] weights) implements TrainingLoop {
    }
}
