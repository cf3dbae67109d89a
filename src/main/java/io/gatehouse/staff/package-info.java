/**
 * The vendor's staff: vendor admins and vendor support, each with an account of their own,
 * appointed, changed and removed by a vendor admin through the API and the Staff page.
 */
package io.gatehouse.staff;
