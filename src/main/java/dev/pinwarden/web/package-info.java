/**
 * Shared web concerns: turning failures into RFC 9457 problem details with a stable
 * {@code code} and never a stack trace or class name. Pages (Thymeleaf + htmx) will live
 * here too; REST controllers sit in their feature module.
 */
package dev.pinwarden.web;
