package io.clearing.core.engine;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * How the engine's two threads wait for work. On a machine with few cores prefer {@link #YIELDING} or
 * {@link #BLOCKING}: spinning threads starve each other and the producers.
 */
public enum WaitStrategyType
{
    /**
     * Spins briefly then yields the core: low latency, a core's worth of CPU while idle-polling.
     */
    YIELDING,
    /**
     * Lock and condition: least CPU when idle, some microseconds more latency.
     */
    BLOCKING,
    /**
     * Spin, yield, then park briefly: low CPU when idle, latency spikes after idle periods.
     */
    SLEEPING,
    /**
     * Pure spinning: lowest latency only with a dedicated core per engine thread.
     */
    BUSY_SPIN;

    WaitStrategy newStrategy()
    {
        switch (this)
        {
            case BLOCKING:
                return new BlockingWaitStrategy();
            case SLEEPING:
                return new SleepingWaitStrategy();
            case BUSY_SPIN:
                return new BusySpinWaitStrategy();
            default:
                return new YieldingWaitStrategy();
        }
    }
}
