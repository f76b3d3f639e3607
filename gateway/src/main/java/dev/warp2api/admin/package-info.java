/** The operator's view of the pool: admin routes and their JSON shapes. */
package dev.warp2api.admin;
