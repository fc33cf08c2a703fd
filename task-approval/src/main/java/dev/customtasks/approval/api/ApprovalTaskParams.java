package dev.customtasks.approval.api;

import java.util.List;

/**
 * The params of OpenShift Pipelines' manual-approval-gate
 * ({@code openshift-pipelines.org/v1alpha1 ApprovalTask}): {@code approvers} (users and
 * {@code group:NAME}), {@code numberOfApprovalsRequired} (default 1) and {@code description}.
 * It has no timeout of its own: the CustomRun's {@code spec.timeout} bounds it.
 */
public record ApprovalTaskParams(List<String> approvers, Integer numberOfApprovalsRequired, String description) {
}
