/**
 * Vocabulary every feature speaks: typed ids, the audit event, errors and paging.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.gatehouse.shared;
