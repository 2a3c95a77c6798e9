"""The job queue: progress, failures in Chinese, retry, the worker after a restart, the schedule, /healthz."""

import io
import json
from datetime import timedelta

import job_functions
import pytest
from django.core.management import call_command
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from lantu import jobs
from lantu.jobs import services
from lantu.jobs.models import Job, ScheduledRun, WorkerBeat


@pytest.fixture(autouse=True)
def _clean_calls():
    job_functions.CALLS.clear()


@pytest.fixture
def queued(settings):
    settings.LANTU_JOBS_SYNC = False


def test_worker_runs_a_queued_job_and_prints_its_steps(transactional_db, queued):
    job = jobs.enqueue("job_functions.two_steps", title="测试任务", kwargs={"name": "a"})
    assert job.state == "queued"
    connections.close_all()  # a new process: only the database knows the job
    out = io.StringIO()
    call_command("worker", "--batch", "--no-schedule", stdout=out)
    job.refresh_from_db()
    assert (job.state, job.result, job.step, job.percent) == ("done", {"name": "a"}, "写入结果", 100)
    assert f"job {job.pk} [0/2] 读取数据" in out.getvalue()
    assert f"job {job.pk} [1/2] 写入结果" in out.getvalue()


def test_failed_job_says_why_in_chinese_and_is_retried_on_request(db, settings):
    settings.LANTU_JOBS_SYNC = True
    from django.contrib.auth.models import User

    user = User.objects.create_user("starter")
    job = jobs.enqueue("job_functions.flaky", title="测试", kwargs={"fail_times": 1}, user_id=user.pk)
    assert (job.state, job.error) == ("failed", "数据源暂时不可用")
    job = services.job_retry(user=user, job=job, now=timezone.now())
    assert (job.state, job.error, job.attempts) == ("done", "", 1)


def test_a_job_with_attempts_left_is_queued_again_after_a_failure(transactional_db, queued):
    job = jobs.enqueue("job_functions.flaky", title="测试", kwargs={"fail_times": 1}, max_attempts=3)
    call_command("worker", "--batch", "--no-schedule", stdout=io.StringIO())
    job.refresh_from_db()
    assert (job.state, job.attempts, job.error) == ("queued", 1, "数据源暂时不可用")
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - timedelta(seconds=1))
    call_command("worker", "--batch", "--no-schedule", stdout=io.StringIO())
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("done", 2)


def test_a_job_queued_in_a_rolled_back_action_never_runs(transactional_db, queued):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        jobs.enqueue("job_functions.two_steps", title="测试", kwargs={"name": "b"})
        raise RuntimeError("the action failed")
    call_command("worker", "--batch", "--no-schedule", stdout=io.StringIO())
    assert not Job.objects.exists() and job_functions.CALLS == []


def test_a_running_job_whose_worker_died_fails_and_can_be_retried(db):
    now = timezone.now()
    WorkerBeat.objects.create(
        worker_id="dead", started_at=now - timedelta(hours=1), seen_at=now - timedelta(hours=1)
    )
    job = Job.objects.create(
        func="job_functions.two_steps", title="t", state="running", worker_id="dead", created_at=now
    )
    assert services.jobs_recover(now=now) == 1
    job.refresh_from_db()
    assert job.state == "failed" and job.error == "后台进程停止，任务被中断，请重试。"


def test_scheduled_work_is_queued_once_per_slot(db, settings):
    settings.LANTU_JOBS_SYNC = False
    settings.LANTU_SCHEDULE = [
        {"name": "nightly", "func": "job_functions.two_steps", "every": "day", "at": "00:00"},
    ]
    now = timezone.now()
    first, again = services.schedule_tick(now=now), services.schedule_tick(now=now + timedelta(minutes=5))
    assert len(first) == 1 and again == []
    assert ScheduledRun.objects.get().slot == timezone.localdate(now).isoformat()


def test_the_shipped_schedule_names_importable_jobs(settings):
    from django.utils.module_loading import import_string

    for entry in services.schedule_entries():
        assert callable(import_string(entry.func)), entry.name


def test_healthz_needs_no_login_and_fails_without_a_live_worker(client, db, settings):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 503
    assert body["checks"]["database"]["ok"] and not body["checks"]["worker"]["ok"]
    assert settings.SECRET_KEY not in response.content.decode()


def test_healthz_is_200_with_a_fresh_heartbeat(client, db):
    now = timezone.now()
    services.worker_beat(worker_id="w1", started_at=now, now=now)
    response = client.get(reverse("healthz"))
    body = json.loads(response.content)
    assert response.status_code == 200, body
    assert body["status"] == "ok" and body["checks"]["worker"]["last_seen"] == now.isoformat()
    assert body["checks"]["disk"]["free_mb"] > 0


def test_job_progress_partial_polls_while_running_and_stops_when_done(client, django_user_model, settings):
    settings.LANTU_JOBS_SYNC = False
    user = django_user_model.objects.create_user("u", password="pw")
    client.force_login(user)
    job = jobs.enqueue("job_functions.two_steps", title="测试", kwargs={"name": "c"}, user_id=user.pk)
    Job.objects.filter(pk=job.pk).update(state="running", step="读取数据", done=1, total=4)
    part = client.get(reverse("jobs:detail", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in part and 'value="25"' in part and "读取数据 (1/4)" in part
    Job.objects.filter(pk=job.pk).update(state="failed", error="数据源暂时不可用")
    part = client.get(reverse("jobs:detail", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in part and "数据源暂时不可用" in part and "重试" in part


def test_pruning_the_queue_keeps_recent_entries_and_every_job(transactional_db, queued):
    from django_tasks_db.models import DBTaskResult

    job = jobs.enqueue("job_functions.two_steps", title="测试", kwargs={"name": "d"})
    call_command("worker", "--batch", "--no-schedule", stdout=io.StringIO())
    assert services.queue_prune(progress=services.Progress()) == 0
    DBTaskResult.objects.update(finished_at=timezone.now() - timedelta(days=8))
    assert services.queue_prune(progress=services.Progress()) == 1
    assert Job.objects.filter(pk=job.pk, state="done").exists()


def test_a_batch_worker_runs_everything_queued_not_only_one_round(transactional_db, queued):
    from lantu.jobs.worker import ROUND

    for n in range(ROUND + 3):
        jobs.enqueue("job_functions.two_steps", title="测试", kwargs={"name": str(n)})
    call_command("worker", "--batch", "--no-schedule", stdout=io.StringIO())
    assert Job.objects.filter(state="done").count() == ROUND + 3
