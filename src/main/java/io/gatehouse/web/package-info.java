/**
 * The portal's shell: sign-in, the welcome page, language and error pages.
 */
package io.gatehouse.web;
