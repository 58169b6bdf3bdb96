#!/bin/sh
# The migration step of an ECS release, as a pipeline runs it: start the one-shot
# migration task, wait for it to stop, and exit with its container's exit code (README,
# "Exit codes"). Only once this exits 0 does the pipeline roll the service:
#
#   aws ecs register-task-definition --cli-input-json file://deploy/ecs/migrate-task-definition.json
#   aws ecs register-task-definition --cli-input-json file://deploy/ecs/service-task-definition.json
#   CLUSTER=prod SUBNETS=subnet-0example1,subnet-0example2 SECURITY_GROUPS=sg-0example \
#     deploy/ecs/migrate.sh
#   aws ecs update-service --cluster prod --service schemagate --task-definition schemagate
#   aws ecs wait services-stable --cluster prod --services schemagate
#   CLUSTER=prod SUBNETS=... SECURITY_GROUPS=... deploy/ecs/migrate.sh --post
#
# With --post the task runs `migrate --post` instead (the container's command overridden):
# the post-deploy migrations, once the service is stable on the new version and no task of
# the previous one serves (docs/post-deploy.md). No other argument is taken (exit 64).
#
# Settings (environment; the AWS CLI's own, such as AWS_REGION and AWS_PROFILE, apply):
#   CLUSTER                  the ECS cluster (required)
#   SUBNETS                  comma-separated subnet ids the task may run in (required)
#   SECURITY_GROUPS          comma-separated security group ids; the database must admit them (required)
#   MIGRATE_TASK_DEFINITION  family[:revision] to run (default schemagate-migrate: its latest revision)
#   MIGRATE_TIMEOUT_MINUTES  how long to wait for the task to stop (default 20, rounded up to
#                            10-minute rounds of `aws ecs wait`); past it the task is stopped
#                            (its running migration is cancelled and rolled back) and this exits 1
#
# Exit: the migration's own code (0 applied or nothing to apply, 65 a migration failed,
# 69 database unreachable, 75 lock held by another migrator, 77 credentials refused,
# 78 a setting is invalid, ...), 1 when the task never ran its container or timed out,
# 78 when a setting above is missing.
set -eu

# One `aws ecs wait tasks-stopped` polls every 6 s, 100 times: 10 minutes.
WAIT_ROUND_MINUTES=10

# require NAME: exit 78 unless the variable NAME is set and not empty.
require() {
	eval "value=\${$1:-}"
	if [ -z "$value" ]; then
		printf >&2 'error: %s is not set; see the header of %s\n' "$1" "$0"
		exit 78
	fi
}

# explain CODE: print what an exit code of the migration means and what to do.
explain() {
	case "$1" in
		0) printf 'migrations applied (or none pending)\n' ;;
		65) printf >&2 'error: a migration failed and was rolled back (fix the migration named in the log, rebuild, run again); with --post, also: regular migrations still pending (run this without --post first)\n' ;;
		69) printf >&2 'error: the database stayed unreachable (DB_WAIT_TIMEOUT); check the subnets, security groups and host\n' ;;
		75) printf >&2 'error: another migrator held the migration lock past MIGRATION_LOCK_WAIT; let it finish, run again\n' ;;
		77) printf >&2 'error: the database refused the owner credentials; check the MIGRATION_DATABASE_* secrets\n' ;;
		78) printf >&2 'error: a setting of the task definition is invalid; the log names it\n' ;;
		143) printf >&2 'error: the task was stopped before it finished (its migration was rolled back); run again\n' ;;
		*) printf >&2 'error: the migration exited %s; see README, "Exit codes"\n' "$1" ;;
	esac
}

command='["migrate"]'
case "$#:${1:-}" in
	0:) ;;
	1:--post) command='["migrate","--post"]' ;;
	*)
		printf >&2 'error: %s: unknown arguments %s; it takes --post or nothing\n' "$0" "$*"
		exit 64
		;;
esac

require CLUSTER
require SUBNETS
require SECURITY_GROUPS
task_definition=${MIGRATE_TASK_DEFINITION:-schemagate-migrate}
timeout_minutes=${MIGRATE_TIMEOUT_MINUTES:-20}
case "$timeout_minutes" in
	'' | *[!0-9]*)
		printf >&2 'error: MIGRATE_TIMEOUT_MINUTES: %s is not a whole number of minutes\n' "$timeout_minutes"
		exit 78
		;;
esac
rounds=$(((timeout_minutes + WAIT_ROUND_MINUTES - 1) / WAIT_ROUND_MINUTES))

task=$(aws ecs run-task \
	--cluster "$CLUSTER" \
	--task-definition "$task_definition" \
	--launch-type FARGATE \
	--count 1 \
	--started-by schemagate-migrate \
	--overrides "{\"containerOverrides\":[{\"name\":\"migrate\",\"command\":$command}]}" \
	--network-configuration "awsvpcConfiguration={subnets=[$SUBNETS],securityGroups=[$SECURITY_GROUPS],assignPublicIp=DISABLED}" \
	--query 'tasks[0].taskArn' \
	--output text)
if [ -z "$task" ] || [ "$task" = None ]; then
	printf >&2 'error: ECS started no task for %s (aws ecs run-task reported failures); nothing was migrated\n' "$task_definition"
	exit 1
fi
printf 'started %s; logs: CloudWatch group /ecs/schemagate, stream prefix migrate\n' "$task"

round=1
until aws ecs wait tasks-stopped --cluster "$CLUSTER" --tasks "$task"; do
	if [ "$round" -ge "$rounds" ]; then
		printf >&2 'error: %s still running after %s minutes; stopping it (its migration is rolled back)\n' "$task" "$timeout_minutes"
		aws ecs stop-task --cluster "$CLUSTER" --task "$task" --reason 'migrate.sh: MIGRATE_TIMEOUT_MINUTES' >/dev/null
		exit 1
	fi
	round=$((round + 1))
done

code=$(aws ecs describe-tasks --cluster "$CLUSTER" --tasks "$task" \
	--query 'tasks[0].containers[0].exitCode' --output text)
case "$code" in
	'' | None | *[!0-9]*)
		# No exit code: the container never ran (image pull, secrets, placement).
		reason=$(aws ecs describe-tasks --cluster "$CLUSTER" --tasks "$task" \
			--query 'tasks[0].stoppedReason' --output text)
		printf >&2 'error: %s stopped before the migration ran: %s\n' "$task" "$reason"
		exit 1
		;;
esac
explain "$code"
exit "$code"
