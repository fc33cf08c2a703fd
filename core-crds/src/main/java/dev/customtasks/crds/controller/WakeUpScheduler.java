package dev.customtasks.crds.controller;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;

/**
 * Wakes runs at an instant. One Quartz scheduler serves the whole process, whatever the number of
 * controllers and runs: a wake-up is a trigger in Quartz's in-memory store, not a thread or a
 * timer task per run. Wake-ups are only hints: the instant itself always comes from the run's
 * status, so a restarted process re-arms them from what it reads.
 */
public final class WakeUpScheduler {

  private static volatile WakeUpScheduler shared;

  private final Scheduler scheduler;
  private final Map<String, Consumer<String>> listeners = new ConcurrentHashMap<>();

  private WakeUpScheduler(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** The process-wide scheduler, started on first use. */
  public static WakeUpScheduler shared() {
    WakeUpScheduler current = shared;
    if (current == null) {
      synchronized (WakeUpScheduler.class) {
        current = shared;
        if (current == null) {
          current = start();
          shared = current;
        }
      }
    }
    return current;
  }

  private static WakeUpScheduler start() {
    Properties props = new Properties();
    props.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "customtasks-wakeups");
    props.setProperty(StdSchedulerFactory.PROP_SCHED_MAX_BATCH_SIZE, "100");
    props.setProperty(StdSchedulerFactory.PROP_SCHED_MAKE_SCHEDULER_THREAD_DAEMON, "true");
    props.setProperty("org.quartz.threadPool.threadCount", "2");
    props.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    props.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
    try {
      Scheduler scheduler = new StdSchedulerFactory(props).getScheduler();
      WakeUpScheduler wakeUps = new WakeUpScheduler(scheduler);
      scheduler.setJobFactory(wakeUps.jobFactory());
      scheduler.start();
      return wakeUps;
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start the wake-up scheduler", e);
    }
  }

  private JobFactory jobFactory() {
    return (bundle, sched) -> context -> {
      JobKey key = context.getJobDetail().getKey();
      Consumer<String> listener = listeners.get(key.getGroup());
      if (listener != null) {
        listener.accept(key.getName());
      }
    };
  }

  /** Routes the wake-ups of {@code group} (a controller's name) to {@code listener}, by key. */
  public void register(String group, Consumer<String> listener) {
    listeners.put(group, listener);
  }

  public void unregister(String group) {
    listeners.remove(group);
    try {
      for (JobKey key : scheduler.getJobKeys(org.quartz.impl.matchers.GroupMatcher.jobGroupEquals(group))) {
        scheduler.deleteJob(key);
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot drop the wake-ups of " + group, e);
    }
  }

  /** Wakes {@code key} of {@code group} at {@code at}, replacing any earlier wake-up of that key. */
  public void wakeAt(String group, String key, Instant at) {
    JobDetail job = JobBuilder.newJob(NoOpJob.class).withIdentity(key, group).build();
    Trigger trigger = TriggerBuilder.newTrigger()
        .withIdentity(key, group)
        .startAt(Date.from(at))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .build();
    try {
      scheduler.scheduleJob(job, java.util.Set.of(trigger), true);
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot schedule a wake-up for " + key, e);
    }
  }

  public void cancel(String group, String key) {
    try {
      scheduler.unscheduleJob(TriggerKey.triggerKey(key, group));
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot cancel the wake-up of " + key, e);
    }
  }

  /** How many wake-ups are pending, for tests and metrics. */
  public int pending(String group) {
    try {
      return scheduler.getTriggerKeys(org.quartz.impl.matchers.GroupMatcher.triggerGroupEquals(group)).size();
    } catch (SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }

  /** When {@code key} of {@code group} is next woken, if it is. */
  public java.util.Optional<Instant> nextWakeUp(String group, String key) {
    try {
      return java.util.Optional.ofNullable(scheduler.getTrigger(TriggerKey.triggerKey(key, group)))
          .map(Trigger::getNextFireTime).map(Date::toInstant);
    } catch (SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Quartz needs a job class; the job factory above replaces it with the routing lambda. */
  public static final class NoOpJob implements org.quartz.Job {
    @Override
    public void execute(org.quartz.JobExecutionContext context) {
    }
  }
}
