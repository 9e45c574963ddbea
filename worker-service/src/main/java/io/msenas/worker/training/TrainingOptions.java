package io.msenas.worker.training;

/**
 * Hyperparameters of one training run (ALGORITHM section 6). Immutable; build with {@link
 * #builder()}, which starts from the defaults below and rejects bad values naming them.
 *
 * @param epochs passes over the training split
 * @param batchSize training samples per step (the last partial batch of an epoch is dropped)
 * @param evaluationBatchSize samples per forward pass when evaluating
 * @param learningRatePer1024 the peak learning rate for a batch of 1024; the run's peak is this
 *     times batchSize / 1024 (5e-3 in the paper's recipe)
 * @param minLearningRate where the cosine schedule ends
 * @param warmupEpochs requested linear warm-up, in epochs; the run uses at most a tenth of its
 *     epochs ({@link #effectiveWarmupEpochs()})
 * @param weightDecay AdamW's decoupled weight decay, on kernels and linear weights only
 * @param beta1 AdamW's first-moment decay
 * @param beta2 AdamW's second-moment decay
 * @param adamEpsilon AdamW's denominator epsilon
 * @param labelSmoothing the smoothing epsilon of the cross-entropy targets
 * @param dropPathMax where the drop-path probability's linear ramp heads: epoch e (1-based) of E
 *     drops with probability {@code dropPathMax (e - 1) / E}, 0 in the first epoch and {@code
 *     dropPathMax (E - 1) / E} in the last (the ramp never reaches dropPathMax itself); 0 turns
 *     drop-path off
 * @param batchNormMomentum weight of the batch statistics in the running averages
 * @param surrogateAlpha the surrogate gate's sharpness alpha
 * @param detachReset whether the LIF reset {@code u (1 - s)} passes no gradient through s
 * @param seed drives the shuffles and drop-path masks; the initial weights come from {@link
 *     #weightSeed}
 * @param weightSeed the seed of the initial weights (the fitness path's {@code NetworkWeights})
 */
public record TrainingOptions(
    int epochs,
    int batchSize,
    int evaluationBatchSize,
    double learningRatePer1024,
    double minLearningRate,
    double warmupEpochs,
    double weightDecay,
    double beta1,
    double beta2,
    double adamEpsilon,
    double labelSmoothing,
    double dropPathMax,
    double batchNormMomentum,
    double surrogateAlpha,
    boolean detachReset,
    long seed,
    long weightSeed) {

  /** The paper's learning rate for a batch of 1024. */
  public static final double PAPER_LEARNING_RATE_PER_1024 = 5e-3;

  public TrainingOptions {
    require(epochs >= 1, "epochs must be >= 1, was " + epochs);
    require(batchSize >= 2, "batchSize must be >= 2, was " + batchSize);
    require(
        evaluationBatchSize >= 1, "evaluationBatchSize must be >= 1, was " + evaluationBatchSize);
    require(
        learningRatePer1024 > 0 && Double.isFinite(learningRatePer1024),
        "learningRatePer1024 must be > 0, was " + learningRatePer1024);
    require(
        minLearningRate >= 0 && Double.isFinite(minLearningRate),
        "minLearningRate must be >= 0, was " + minLearningRate);
    require(
        warmupEpochs >= 0 && Double.isFinite(warmupEpochs),
        "warmupEpochs must be >= 0, was " + warmupEpochs);
    require(
        weightDecay >= 0 && weightDecay < 1, "weightDecay must be in [0, 1), was " + weightDecay);
    require(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), was " + beta1);
    require(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1), was " + beta2);
    require(adamEpsilon > 0, "adamEpsilon must be > 0, was " + adamEpsilon);
    require(
        labelSmoothing >= 0 && labelSmoothing < 1,
        "labelSmoothing must be in [0, 1), was " + labelSmoothing);
    require(
        dropPathMax >= 0 && dropPathMax < 1, "dropPathMax must be in [0, 1), was " + dropPathMax);
    require(
        batchNormMomentum > 0 && batchNormMomentum <= 1,
        "batchNormMomentum must be in (0, 1], was " + batchNormMomentum);
    require(surrogateAlpha > 0, "surrogateAlpha must be > 0, was " + surrogateAlpha);
  }

  /** The peak learning rate: learningRatePer1024 x batchSize / 1024. */
  public double peakLearningRate() {
    return learningRatePer1024 * batchSize / 1024.0;
  }

  /**
   * The warm-up the run uses: the requested epochs, but at most a tenth of the run (the paper's 5
   * of 600 epochs is under 1%; 5 warm-up epochs of a 10-epoch run would spend half of it below the
   * peak). Fractional: the schedule advances per step.
   */
  public double effectiveWarmupEpochs() {
    return Math.min(warmupEpochs, epochs / 10.0);
  }

  /** Defaults: the paper's recipe (ALGORITHM section 6) with 600 epochs and no drop-path. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.epochs = epochs;
    b.batchSize = batchSize;
    b.evaluationBatchSize = evaluationBatchSize;
    b.learningRatePer1024 = learningRatePer1024;
    b.minLearningRate = minLearningRate;
    b.warmupEpochs = warmupEpochs;
    b.weightDecay = weightDecay;
    b.beta1 = beta1;
    b.beta2 = beta2;
    b.adamEpsilon = adamEpsilon;
    b.labelSmoothing = labelSmoothing;
    b.dropPathMax = dropPathMax;
    b.batchNormMomentum = batchNormMomentum;
    b.surrogateAlpha = surrogateAlpha;
    b.detachReset = detachReset;
    b.seed = seed;
    b.weightSeed = weightSeed;
    return b;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private int epochs = 600;
    private int batchSize = 128;
    // an inference pass holds every intermediate array of its batch (as a training step does): at
    // 250, a quick-preset network's validation pass outgrew 12 GB; 64 stays within a training
    // step's
    private int evaluationBatchSize = 64;
    private double learningRatePer1024 = PAPER_LEARNING_RATE_PER_1024;
    private double minLearningRate = 1e-5;
    private double warmupEpochs = 5;
    private double weightDecay = 0.01;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double adamEpsilon = 1e-8;
    private double labelSmoothing = 0.1;
    private double dropPathMax = 0;
    private double batchNormMomentum = 0.1;
    private double surrogateAlpha = SurrogateSpike.DEFAULT_ALPHA;
    private boolean detachReset = true;
    private long seed = 1;
    private long weightSeed = 1;

    private Builder() {}

    public Builder epochs(int value) {
      epochs = value;
      return this;
    }

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder evaluationBatchSize(int value) {
      evaluationBatchSize = value;
      return this;
    }

    public Builder learningRatePer1024(double value) {
      learningRatePer1024 = value;
      return this;
    }

    public Builder minLearningRate(double value) {
      minLearningRate = value;
      return this;
    }

    public Builder warmupEpochs(double value) {
      warmupEpochs = value;
      return this;
    }

    public Builder weightDecay(double value) {
      weightDecay = value;
      return this;
    }

    public Builder betas(double first, double second) {
      beta1 = first;
      beta2 = second;
      return this;
    }

    public Builder adamEpsilon(double value) {
      adamEpsilon = value;
      return this;
    }

    public Builder labelSmoothing(double value) {
      labelSmoothing = value;
      return this;
    }

    public Builder dropPathMax(double value) {
      dropPathMax = value;
      return this;
    }

    public Builder batchNormMomentum(double value) {
      batchNormMomentum = value;
      return this;
    }

    public Builder surrogateAlpha(double value) {
      surrogateAlpha = value;
      return this;
    }

    public Builder detachReset(boolean value) {
      detachReset = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder weightSeed(long value) {
      weightSeed = value;
      return this;
    }

    public TrainingOptions build() {
      return new TrainingOptions(
          epochs,
          batchSize,
          evaluationBatchSize,
          learningRatePer1024,
          minLearningRate,
          warmupEpochs,
          weightDecay,
          beta1,
          beta2,
          adamEpsilon,
          labelSmoothing,
          dropPathMax,
          batchNormMomentum,
          surrogateAlpha,
          detachReset,
          seed,
          weightSeed);
    }
  }
}
