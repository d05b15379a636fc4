/**
 * The batch printers: Job (STATUS, COMPLETIONS, DURATION as in v1.32) and CronJob (upstream
 * printJob, printCronJob).
 */
import type { KubeObject } from '../api/types.js';
import { formatAge, humanDuration, parseTime } from './age.js';
import {
  ageColumn,
  column,
  containersColumn,
  imagesColumn,
  layoutContainerCells,
  nameColumn,
  selectorColumn,
  type Cell,
  type KindPrinter,
  type PrintContext,
  type TemplateContainer,
} from './columns.js';
import { formatLabelSelector, type LabelSelector } from './labels.js';

/** batch/v1 JobSpec, as far as the printers read it. */
interface JobSpecView {
  completions?: number;
  parallelism?: number;
  selector?: LabelSelector;
  template?: { spec?: { containers?: TemplateContainer[] } };
}

/** The parts of a batch/v1 Job the job printer reads. */
interface JobView extends KubeObject {
  spec?: JobSpecView;
  status?: {
    succeeded?: number;
    startTime?: string;
    completionTime?: string;
    conditions?: { type: string; status: string }[];
  };
}

/** The parts of a batch/v1 CronJob the cronjob printer reads. */
interface CronJobView extends KubeObject {
  spec?: {
    schedule?: string;
    timeZone?: string;
    suspend?: boolean;
    jobTemplate?: { spec?: JobSpecView };
  };
  status?: { active?: unknown[]; lastScheduleTime?: string };
}

/** hasJobCondition: the first condition of that type decides. */
function hasJobCondition(job: JobView, type: string): boolean {
  const condition = job.status?.conditions?.find((c) => c.type === type);
  return condition !== undefined && condition.status === 'True';
}

/** The Job STATUS column: Complete, Failed, Terminating, Suspended, FailureTarget or Running. */
export function jobStatus(object: KubeObject): string {
  const job = object as JobView;
  if (hasJobCondition(job, 'Complete')) return 'Complete';
  if (hasJobCondition(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp !== undefined && job.metadata.deletionTimestamp !== null) return 'Terminating';
  if (hasJobCondition(job, 'Suspended')) return 'Suspended';
  if (hasJobCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** The COMPLETIONS column: `succeeded/completions`, or `n/1` (`n/1 of p` with parallelism p > 1). */
export function jobCompletions(object: KubeObject): string {
  const job = object as JobView;
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions !== undefined && completions !== null) return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** The DURATION column: '' before start, time since start while running, else start to completion. */
export function jobDuration(object: KubeObject, now: number): string {
  const job = object as JobView;
  const start = parseTime(job.status?.startTime);
  if (start === undefined) return '';
  const completion = parseTime(job.status?.completionTime);
  return humanDuration((completion ?? now) - start);
}

/** Jobs: NAME STATUS COMPLETIONS DURATION AGE; wide CONTAINERS IMAGES SELECTOR. */
export const jobPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Status', 'string', 'Status of the job.'),
    column('Completions', 'string', 'The number of pods which reached phase Succeeded.'),
    column('Duration', 'string', 'Time required to complete the job.'),
    ageColumn,
    containersColumn,
    imagesColumn,
    selectorColumn,
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const job = object as JobView;
    const [containers, images] = layoutContainerCells(job.spec?.template?.spec?.containers);
    return [
      job.metadata.name ?? '',
      jobStatus(job),
      jobCompletions(job),
      jobDuration(job, now),
      formatAge(job.metadata.creationTimestamp, now),
      containers,
      images,
      formatLabelSelector(job.spec?.selector),
    ];
  },
};

/** printBoolPtr: `True`, `False`, or `<unset>`. */
function printBoolPtr(value: boolean | undefined): string {
  if (value === undefined || value === null) return '<unset>';
  return value ? 'True' : 'False';
}

/** CronJobs: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE; wide CONTAINERS IMAGES SELECTOR. */
export const cronJobPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Schedule', 'string', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
    column('Timezone', 'string', 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.'),
    column('Suspend', 'boolean', 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.'),
    column('Active', 'integer', 'A list of pointers to currently running jobs.'),
    column('Last Schedule', 'string', 'Information when was the last time the job was successfully scheduled.'),
    ageColumn,
    containersColumn,
    imagesColumn,
    selectorColumn,
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const cronJob = object as CronJobView;
    const jobSpec = cronJob.spec?.jobTemplate?.spec;
    const [containers, images] = layoutContainerCells(jobSpec?.template?.spec?.containers);
    const lastSchedule = cronJob.status?.lastScheduleTime;
    return [
      cronJob.metadata.name ?? '',
      cronJob.spec?.schedule ?? '',
      cronJob.spec?.timeZone ?? '<none>',
      printBoolPtr(cronJob.spec?.suspend),
      (cronJob.status?.active ?? []).length,
      lastSchedule === undefined || lastSchedule === null ? '<none>' : formatAge(lastSchedule, now),
      formatAge(cronJob.metadata.creationTimestamp, now),
      containers,
      images,
      formatLabelSelector(jobSpec?.selector),
    ];
  },
};
