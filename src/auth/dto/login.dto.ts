import { ApiProperty } from '@nestjs/swagger';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'matkhau-demo-2025', format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password: string;

  @ApiPropertyOptional({
    description:
      'The `deviceToken` of an earlier successful login to this account (mobile apps; browsers send the cookie `sotay_device` instead). ' +
      'An unknown, expired or locked token, or one of another account, is ignored.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  deviceToken?: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token of the last login or refresh' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  currentPassword: string;

  @ApiProperty({ format: 'password', minLength: 10, maxLength: 256 })
  @IsString()
  @MaxLength(256)
  newPassword: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ description: 'The session of this refresh token ends; by default the session of the access token' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken?: string;

  @ApiPropertyOptional({
    description: 'true: every session of the account ends, on every device (a lost or lent phone); the member logs in again everywhere',
  })
  @IsOptional()
  @IsBoolean()
  everywhere?: boolean;
}
